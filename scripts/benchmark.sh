#!/usr/bin/env bash
# Benchmarks `cartograph build` and `check` (release build) on the example and on
# generated workspaces of growing size, with hyperfine; prints medians and the cost per
# app, to show that time grows linearly with the number of apps.
#
#   scripts/benchmark.sh [BINARY]      (default: builds .build/release/cartograph)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || scripts/install-deps.sh hyperfine
bin="${1:-}"
if [ -z "$bin" ]; then
  swift build -c release --product cartograph >/dev/null
  bin=.build/release/cartograph
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r cartograph.yaml content templates "$work/" 2>/dev/null
mkdir -p "$work/example" && mv "$work/cartograph.yaml" "$work/content" "$work/templates" "$work/example/"
"$bin" build -C "$work/example" >/dev/null 2>&1
sizes="10 50 200 400"
for n in $sizes; do
  python3 scripts/make-fixture.py "$work/apps-$n" --apps "$n" >/dev/null
  "$bin" build -C "$work/apps-$n" >/dev/null 2>&1
done
median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['median']*1000:.1f}\")" "$1"; }
printf '%-14s %12s %12s %14s\n' workspace "build (ms)" "check (ms)" "build ms/app"
for ws in example $(for n in $sizes; do echo "apps-$n"; done); do
  for cmd in build check; do
    hyperfine -N -w 3 -r 15 --export-json "$work/$ws-$cmd.json" "$bin $cmd -C $work/$ws" >/dev/null 2>&1 || true
  done
  b=$(median "$work/$ws-build.json"); c=$(median "$work/$ws-check.json")
  apps=${ws#apps-}; [ "$ws" = example ] && apps=3
  printf '%-14s %12s %12s %14s\n' "$ws" "$b" "$c" "$(python3 -c "print(f'{$b/$apps:.2f}')")"
done
