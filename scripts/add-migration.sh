#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Tollgate.Data --startup-project src/Tollgate.Data \
    --context "${provider}TollgateDb" --output-dir "Migrations/$provider"
done
