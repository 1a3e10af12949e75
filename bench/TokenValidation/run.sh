#!/usr/bin/env bash
# Requests per second of an authenticated IP Centrex feature-API GET, beside unauthenticated requests of the same
# process, in the all-in-one process (own key) and in a separately started features process (keys from the api's
# JWKS), on SQLite. Prints requests/s, p50/p99 latency and the ratios.
#
#   bench/TokenValidation/run.sh [seconds per run] [connections]
#
# Needs wrk (Debian package wrk; installed when missing). Builds Tollgate in Release first.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}
api_port=5191
features_port=5192
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Tollgate -c Release -v q -nologo >/dev/null
data=$(mktemp -d)
trap 'kill $api $features 2>/dev/null || true; rm -rf "$data"' EXIT
dll=src/Tollgate/bin/Release/net10.0/tollgate.dll
dotnet $dll up --data "$data/api" --urls "http://127.0.0.1:$api_port" --demo \
  --admin-password bench-admin-password --log-format json > "$data/api.log" 2>&1 &
api=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$api_port/livez" >/dev/null && break; sleep 0.1; done
dotnet $dll up --role features --data "$data/features" --db "Data Source=$data/api/tollgate.db" \
  --urls "http://127.0.0.1:$features_port" --auth-jwks-url "http://127.0.0.1:$api_port/.well-known/jwks.json" \
  --log-format json > "$data/features.log" 2>&1 &
features=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$features_port/livez" >/dev/null && break; sleep 0.1; done

token=$(curl -sf -X POST "http://127.0.0.1:$api_port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"realm":"customer","login":"abc-company","password":"demo-password"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["accessToken"])')
customer=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/api/v1/auth/me" | python3 -c 'import sys,json;print(json.load(sys.stdin)["customerId"])')
account=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/api/v1/customers/$customer/extensions?extension=466" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["items"][0]["account"]["accountId"])')
path="/api/v1/centrex/voicemail/$account"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$features_port$path" >/dev/null
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path" >/dev/null

run() { # key label url [header]
  local key=$1 label=$2 url=$3 out
  if [ $# -eq 4 ]; then out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$4" "$url"); else out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url"); fi
  echo "$out" > "$data/$key.wrk"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  printf '%-70s %10s req/s   p50 %8s   p99 %8s   %s\n' "$label" "$rps" "$p50" "$p99" "${errors:-all 2xx}"
  echo "$rps" > "$data/$key.rps"
}

echo "Token validation per request: wrk -t2 -c$connections -d${duration}s, SQLite, $(nproc) cores, $(date -u +%F); voicemail of $account as abc-company"
wrk -t2 -c"$connections" -d3s "http://127.0.0.1:$features_port/livez" >/dev/null  # warm-up
wrk -t2 -c"$connections" -d3s -H "Authorization: Bearer $token" "http://127.0.0.1:$features_port$path" >/dev/null
wrk -t2 -c"$connections" -d3s -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port$path" >/dev/null
run f_trivial   "features process: GET /livez (no auth, no database)" "http://127.0.0.1:$features_port/livez"
run f_anonymous "features process: GET $path without a token (401)" "http://127.0.0.1:$features_port$path"
run f_auth      "features process: GET $path (JWT via JWKS)" "http://127.0.0.1:$features_port$path" "Authorization: Bearer $token"
run a_auth      "all-in-one process: GET $path (JWT, own key)" "http://127.0.0.1:$api_port$path" "Authorization: Bearer $token"
run a_me        "all-in-one process: GET /api/v1/auth/me (JWT, no database)" "http://127.0.0.1:$api_port/api/v1/auth/me" "Authorization: Bearer $token"
python3 - "$data" <<'PY'
import sys, pathlib
d = pathlib.Path(sys.argv[1])
r = {k: float((d / f"{k}.rps").read_text()) for k in ["f_trivial", "f_anonymous", "f_auth", "a_auth", "a_me"]}
print(f"authenticated / unauthenticated (401) in the features process: {r['f_auth'] / r['f_anonymous']:.0%}")
print(f"authenticated / trivial in the features process:              {r['f_auth'] / r['f_trivial']:.0%}")
print(f"features process (JWKS) / all-in-one (own key), authenticated: {r['f_auth'] / r['a_auth']:.0%}")
print(f"JWT-only endpoint (/auth/me) / unauthenticated (401):         {r['a_me'] / r['f_anonymous']:.0%}")
PY
