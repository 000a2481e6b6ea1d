#!/usr/bin/env bash
# Load-test `cartograph serve` beside a plain static server (`python3 -m http.server`)
# serving the same built files, with wrk on loopback.
#
#   scripts/load-test.sh [WORKSPACE] [CARTOGRAPH]
#
# WORKSPACE (default: the repository's example) is copied to a scratch folder; `cartograph
# build` writes its site there for the static server, and `cartograph serve --port 0`
# serves the same workspace from memory. Each URL is hit for DURATION (default 10s) with
# CONNECTIONS (default 50) connections on THREADS (default 2) wrk threads: every run is
# bounded in time, and only 127.0.0.1 is ever addressed. Needs wrk (apt-get install wrk).
# Prints requests/s, p99 latency and errors per server and URL.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
workspace=${1:-$here}
binary=${2:-}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}
urls=${URLS:-"/ /INFRASTRUCTURE.md /style.css"}

if [[ -z $binary ]]; then
    for candidate in "$here"/.build*/release/cartograph "$here"/.build*/debug/cartograph; do
        if [[ -x $candidate ]]; then binary=$candidate; break; fi
    done
fi
[[ -x ${binary:-} ]] || { echo "no cartograph binary: build it first (swift build -c release)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

scratch=$(mktemp -d /tmp/cartograph-load-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

cp "$workspace/cartograph.yaml" "$scratch/"
for item in content templates specs status.yaml pages; do
    [[ -e $workspace/$item ]] && cp -r "$workspace/$item" "$scratch/"
done
"$binary" build -C "$scratch" >/dev/null 2>&1 || { echo "cartograph build failed in $scratch" >&2; exit 1; }
site=$(cd "$scratch" && sed -n 's/^ *site: *//p' cartograph.yaml | head -1)
site=${site:-site}

# cartograph serve, on a port the system picks.
"$binary" serve --port 0 -C "$scratch" >"$scratch/serve.out" 2>"$scratch/serve.err" &
pids+=($!)
for _ in $(seq 1 300); do [[ -s $scratch/serve.out ]] && break; sleep 0.1; done
serve_port=$(head -1 "$scratch/serve.out" | sed -n 's#^Serving .* at http://127\.0\.0\.1:\([0-9]*\)/$#\1#p')
[[ -n $serve_port ]] || { echo "serve did not start:" >&2; cat "$scratch/serve.err" >&2; exit 1; }

# python3 -m http.server on the files `build` wrote.
static_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$static_port" --bind 127.0.0.1 --directory "$scratch/$site" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$static_port/" && break; sleep 0.1; done

echo "binary: $binary"
echo "workspace: $workspace ($(find "$scratch/$site" -type f | wc -l) site files)"
echo "wrk: -t$threads -c$connections -d$duration --latency, loopback only"
printf '%-22s %-22s %12s %10s %10s %8s\n' server url requests/s p50 p99 errors
for server in "cartograph-serve:$serve_port" "python-http.server:$static_port"; do
    name=${server%%:*}
    port=${server##*:}
    for url in $urls; do
        out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$url")
        rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
        p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        socket=$(sed -n 's/.*Socket errors: //p' <<<"$out")
        non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
        errors="${non2xx:-0} non-2xx${socket:+; socket $socket}"
        printf '%-22s %-22s %12s %10s %10s   %s\n' "$name" "$url" "$rps" "$p50" "$p99" "$errors"
    done
done
