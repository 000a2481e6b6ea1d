#!/usr/bin/env bash
# Benchmarks Cartograph's whole job against Hugo building the same pages, on the scale
# workload (../shared/bench/gen_bench.py, or scripts/make-bench.py where ../shared is absent):
# N apps, a status file and N Markdown runbook pages. For each size the commands run in
# alternation (Cartograph cold, Cartograph rebuild, Hugo, then again), so a noisy machine
# slows all of them alike; the table gives medians, peak RSS and the ratios.
#
#   scripts/benchmark.sh [BINARY]          (make bench; by default the release binary, as make dist builds it)
#   SIZES="100 1000" RUNS=5 scripts/benchmark.sh
#   BENCH_DIR=/dev/shm scripts/benchmark.sh  (where the workloads and outputs go; default $TMPDIR or /tmp)
#
# The filesystem matters as much as either program: both create an inode per page and a
# folder per pretty URL. On ext4 without a journal the kernel steps one by one past every
# inode deleted in the last minutes (longer while their blocks are unwritten) each time it
# allocates one, so a build made right after deleting thousands of files pays for every file
# deleted, by whichever program, on top of its own work. The benchmark therefore moves each
# previous output aside (one rename, into the work folder) instead of deleting it, and
# deletes them all when it ends: each run then starts as a fresh clone does, with no output
# folder and no recent deletions. CLEAR=delete deletes them before each run instead, to see
# that effect; the header line names the filesystem and the mode. Kept outputs need room:
# at 10,000 apps and 3 runs, about 2.5 GB and 400,000 inodes until the benchmark ends.
#
# What is timed:
# - "cold": `cartograph build` with no output folder and no Markdown map (nothing survives
#   from the previous run; Cartograph keeps no cache anywhere else);
# - "rebuild": `cartograph build` over the previous run's output (unchanged files keep
#   their inode and mtime: this is what a CI job or a second build sees);
# - Hugo: `hugo` with its output folder and cache folder removed before each run.
# Peak RSS comes from one extra run of each under GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
scripts/install-deps.sh hyperfine hugo time python3 >/dev/null
sizes="${SIZES:-100 1000 10000}"
runs="${RUNS:-3}"
bin="${1:-}"
work="$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/cartograph-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
clear_mode="${CLEAR:-aside}"
case "$clear_mode" in aside | delete) ;; *) echo "benchmark: CLEAR is 'aside' (the default) or 'delete'" >&2; exit 1 ;; esac
mkdir "$work/removed"
# Takes a previous output away: moved aside (deleted with the work folder at the end), or deleted.
clear_out() {
  local path
  for path in "$@"; do
    [ -e "$path" ] || continue
    if [ "$clear_mode" = aside ]; then mv "$path" "$(mktemp -u "$work/removed/XXXXXXXX")"; else rm -rf "$path"; fi
  done
}
if [ -z "$bin" ]; then
  # The binary users install (README, Install): the release build `make dist` makes, with
  # the Swift runtime linked in: with no shared Swift libraries to load and relocate, a
  # 1,000-app build takes 5-9% less time than `swift build -c release`'s binary.
  scripts/dist.sh >/dev/null 2>"$work/dist.log" || { cat "$work/dist.log" >&2; exit 1; }
  bin=$(echo .build-dist/stage/cartograph-*/cartograph)
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
generator="$root/../shared/bench/gen_bench.py"
[ -f "$generator" ] || { echo "benchmark: $generator is missing (it ships beside the repository in ../shared)" >&2; exit 1; }

# Runs a command once, untimed or timed; a failing run stops the benchmark with its output.
failed() {
  echo "benchmark: '$1' failed:" >&2
  $1 >&2 || true
  exit 1
}
untimed() { $1 >/dev/null 2>&1 || failed "$1"; }
timed() { hyperfine -N -r 1 --style none --export-json "$work/t.json" "$1" >/dev/null 2>&1 || failed "$1"; }
seconds() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['times'][0])" "$1"; }
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
rss_mib() { /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1; python3 -c "print(round(int(open('$work/rss').read().split()[-1])/1024))"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
read -r device fstype < <(df -T "$work" | awk 'NR == 2 {print $1, $2}')
journal=""
if [ "$fstype" = ext4 ]; then
  if compgen -G "/proc/fs/jbd2/$(basename "$device")-*" >/dev/null; then journal=" (journal)"; else journal=" (no journal)"; fi
fi
echo "filesystem: $fstype$journal at $work; previous outputs: $([ "$clear_mode" = aside ] && echo "moved aside" || echo "deleted before each run")"
echo "cartograph: $("$bin" --version)   hugo: $(hugo version | cut -d' ' -f2)   runs: $runs, alternating"
echo
printf '%8s | %12s %12s %10s | %10s %10s | %12s %14s\n' apps "cold (s)" "rebuild (s)" "RSS (MiB)" "hugo (s)" "RSS (MiB)" "cold / hugo" "rebuild / hugo"
for n in $sizes; do
  ws="$work/bench-$n"
  python3 "$generator" "$ws" "$n" >/dev/null
  cold=(); warm=(); hugo=()
  # One untimed run each: the file cache holds the inputs for every timed run alike.
  untimed "$bin build -C $ws"
  HUGO_CACHEDIR="$work/hugo-cache" untimed "hugo --quiet -s $ws/hugo"
  for ((r = 0; r < runs; r++)); do
    clear_out "$ws/site"
    timed "$bin build -C $ws"
    cold+=("$(seconds "$work/t.json")")
    timed "$bin build -C $ws"
    warm+=("$(seconds "$work/t.json")")
    clear_out "$ws/hugo/public" "$ws/hugo/resources" "$work/hugo-cache"
    HUGO_CACHEDIR="$work/hugo-cache" timed "hugo --quiet -s $ws/hugo"
    hugo+=("$(seconds "$work/t.json")")
  done
  clear_out "$ws/site"
  cartograph_rss=$(rss_mib "$bin" build -C "$ws")
  clear_out "$ws/hugo/public" "$ws/hugo/resources" "$work/hugo-cache"
  hugo_rss=$(HUGO_CACHEDIR="$work/hugo-cache" rss_mib hugo --quiet -s "$ws/hugo")
  c=$(median "${cold[@]}"); w=$(median "${warm[@]}"); h=$(median "${hugo[@]}")
  python3 - "$n" "$c" "$w" "$cartograph_rss" "$h" "$hugo_rss" <<'EOF'
import sys
n, c, w, crss, h, hrss = sys.argv[1], *map(float, sys.argv[2:])
print(f"{int(n):>8,} | {c:12.3f} {w:12.3f} {crss:10.0f} | {h:10.3f} {hrss:10.0f} | {c / h:12.2f} {w / h:14.2f}")
EOF
  clear_out "$ws"
done
