#!/usr/bin/env bash
# Builds the release tarball (make dist; --no-build checks the one in dist/) and checks what
# a user gets: the checksum, that the binary needs nothing but the C library, that a copy
# outside the repository runs with an empty environment and the Swift toolchain hidden,
# and that it builds the example into the same map as the committed one.
# For people and the release workflow; too slow for the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
[ "${1:-}" = --no-build ] || make dist

read -r version commit < <(scripts/version.sh)
name=cartograph-$version-linux-$(uname -m)
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

echo "== checksum"
(cd dist && sha256sum --check "$name.tar.gz.sha256") || fail "checksum"

work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
tar -xzf "dist/$name.tar.gz" -C "$work"
bin=$work/$name/cartograph

echo "== sizes"
echo "binary  $(stat -c %s "$bin") bytes ($(du -h "$bin" | cut -f1))"
echo "tarball $(stat -c %s "dist/$name.tar.gz") bytes ($(du -h "dist/$name.tar.gz" | cut -f1))"

echo "== ldd $name/cartograph"
ldd "$bin" | tee "$work/ldd.txt"
# Only the C library is left to the host: anything else must be inside the binary.
if extra=$(grep -vE '^\s*(linux-vdso\.so|linux-gate\.so|libc\.so\.6|libm\.so\.6|/lib[^ ]*/ld-linux[^ ]*\.so)' "$work/ldd.txt"); then
  fail "the binary needs more than libc and libm: $extra"
fi
if readelf -d "$bin" | grep -E 'RPATH|RUNPATH'; then
  fail "the binary carries a library search path"
fi
echo "needs glibc $(objdump -T "$bin" | grep -oE 'GLIBC_[0-9.]+' | sed 's/GLIBC_//' | sort -uV | tail -1) or newer"

echo "== env -i cartograph --version"
expected="cartograph $version${commit:+ ($commit)}"
got=$(env -i "$bin" --version)
echo "$got"
[ "$got" = "$expected" ] || fail "--version said '$got', expected '$expected'"

# Where the build machine has jemalloc's archive, the binary carries it, and every malloc
# and free (the C library's included) goes through it: jemalloc reads MALLOC_CONF.
if compgen -G "/usr/lib/*/libjemalloc_pic.a" >/dev/null || [ -f /usr/lib64/libjemalloc_pic.a ]; then
  echo "== jemalloc"
  # Captured first: grep -q would stop reading early, and pipefail would count the writer's SIGPIPE.
  stats=$(env -i MALLOC_CONF=stats_print:true "$bin" --version 2>&1)
  if grep -q "Begin jemalloc statistics" <<<"$stats"; then
    echo "the binary allocates with jemalloc"
  else
    fail "libjemalloc-dev is installed but the binary does not allocate with jemalloc"
  fi
  symbols=$(objdump -T "$bin")
  grep -qE '\smalloc$' <<<"$symbols" || fail "the binary does not export malloc for the C library"
fi

echo "== env -i cartograph build, then check, in a copy of the example"
example=$work/example
mkdir "$example"
cp -R content templates cartograph.yaml "$example/"
(cd "$example" && env -i "$bin" build) || fail "build"
(cd "$example" && env -i "$bin" check) || fail "check"
if diff -r "$root/site" "$example/site" >"$work/site.diff"; then
  echo "site/ is byte-identical to the committed one"
else
  fail "the release binary's site/ differs from the committed one: $(head -20 "$work/site.diff")"
fi

echo "== with the Swift toolchain's libraries hidden"
toolchain_lib=$(dirname "$(dirname "$(readlink -f "$(command -v "${SWIFT:-swift}")")")")/lib
if [ -d "$toolchain_lib" ] && unshare --mount true 2>/dev/null; then
  # A private mount namespace puts an empty folder over the toolchain's lib/ for this run only.
  # shellcheck disable=SC2016 # the inner shell expands its own arguments
  if unshare --mount sh -c 'mount -t tmpfs none "$1" && [ -z "$(ls -A "$1")" ] && cd "$2" && env -i "$3" check' \
    _ "$toolchain_lib" "$example" "$bin"; then
    echo "check passed with $toolchain_lib empty"
  else
    fail "the binary did not run with $toolchain_lib hidden"
  fi
else
  echo "skipped: cannot make a mount namespace here (ldd above already shows no toolchain library)"
fi

echo "== env -i cartograph serve --port 0"
(cd "$example" && exec env -i "$bin" serve --port 0 >"$work/serve.out" 2>"$work/serve.err") &
server=$!
for _ in $(seq 100); do
  grep -q '^Serving' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -oE 'http://[^ ]+/' "$work/serve.out" | head -1 || true)
if [ -n "$url" ] && curl --fail --silent --max-time 10 "$url" | grep -q '<html'; then
  echo "served the site at $url"
else
  fail "serve did not answer: $(cat "$work/serve.out" "$work/serve.err")"
fi
kill "$server"
wait "$server" 2>/dev/null || true
server=""

if [ "$failures" -eq 0 ]; then
  echo "dist/$name.tar.gz: all checks passed"
else
  echo "dist/$name.tar.gz: $failures check(s) failed"
  exit 1
fi
