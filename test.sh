#!/usr/bin/env bash
# Runs every Tollgate test on a fresh machine.
#
# It installs what the tests need when it is missing (the PostgreSQL server, sipp), then runs the whole
# solution's tests. The tests start their own throwaway PostgreSQL cluster on a loopback port in a temp
# folder (see tests/Tollgate.Testing/PostgresServer.cs) and their own SMTP and SIP peers; nothing else is
# needed. Extra arguments go to 'dotnet test' (for example: ./test.sh --filter "FullyQualifiedName~Billing").
set -euo pipefail
cd "$(dirname "$0")"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v sipp >/dev/null || missing+=(sip-tester)
if ((${#missing[@]} > 0)); then
  echo "test.sh: installing ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test Tollgate.slnx --logger "console;verbosity=minimal" "$@"
