#!/usr/bin/env bash
# HTTP benchmark of an authenticated GET /api/v1/customers/{id} beside a trivial endpoint (/livez) of the same
# process, in the same run, on SQLite. Prints requests/s, p50/p99 latency and the ratio.
#
#   bench/api/run.sh [seconds per run] [connections]
#
# Needs wrk (Debian package wrk; installed when missing). Builds Tollgate in Release first.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-32}
port=5187
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Tollgate -c Release -v q -nologo >/dev/null
data=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
dotnet src/Tollgate/bin/Release/net10.0/tollgate.dll up --data "$data" --urls "http://127.0.0.1:$port" --demo \
  --admin-password bench-admin-password --log-format json > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/livez" >/dev/null && break; sleep 0.1; done

token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"realm":"admin","login":"admin","password":"bench-admin-password"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])')
customer="http://127.0.0.1:$port/api/v1/customers/1"
trivial="http://127.0.0.1:$port/livez"
curl -sf -H "Authorization: Bearer $token" "$customer" >/dev/null

run() { # key label url [header]
  local key=$1 label=$2 url=$3 out
  if [ $# -eq 4 ]; then out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$4" "$url"); else out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url"); fi
  echo "$out" > "$data/$key.wrk"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  printf '%-40s %10s req/s   p50 %8s   p99 %8s   %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-no errors}"
  echo "$rps" > "$data/$key.rps"
}

echo "Tollgate API benchmark: wrk -t2 -c$connections -d${duration}s, SQLite, $(nproc) cores, $(date -u +%F)"
wrk -t2 -c"$connections" -d3s "$trivial" >/dev/null  # warm-up
wrk -t2 -c"$connections" -d3s -H "Authorization: Bearer $token" "$customer" >/dev/null
run trivial "GET /livez (trivial)" "$trivial"
run customer "GET /api/v1/customers/1 (JWT, SQLite)" "$customer" "Authorization: Bearer $token"
python3 - "$data" <<'PY'
import sys, pathlib
d = pathlib.Path(sys.argv[1])
trivial = float((d / "trivial.rps").read_text())
customer = float((d / "customer.rps").read_text())
print(f"ratio authenticated/trivial: {customer / trivial:.0%}")
PY
