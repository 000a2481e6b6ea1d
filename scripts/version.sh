#!/usr/bin/env bash
# Prints the version to build and its commit: `0.1.0 abc1234`, or `0.1.0` alone.
#
# - On the tag v0.1.0: `0.1.0 abc1234`; 3 commits past it: `0.1.0+3 abc1234` (SemVer build
#   metadata: after 0.1.0, not a pre-release of it); with uncommitted changes the commit
#   reads `abc1234-dirty`.
# - In a git checkout with no v* tag yet: the source's release with the commit.
# - Without git metadata (a source tarball, a copy, or a folder inside some other
#   repository): CartographVersion.current from the source, no commit.
#
# With --source it prints only CartographVersion.current (the release workflow compares it
# with the tag).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)

files=$(grep -rlE '^ *(public|package) static let current = "' "$root/Sources" || true)
if [ "$(printf '%s\n' "$files" | grep -c .)" -ne 1 ]; then
  echo "error: expected one 'package static let current = \"...\"' under Sources/, found: ${files:-none}" >&2
  exit 1
fi
release=$(sed -nE 's/^ *(public|package) static let current = "([^"]+)".*/\2/p' "$files")
if [ "${1:-}" = --source ]; then
  echo "$release"
  exit 0
fi

# Only this repository's own metadata counts: a copy unpacked inside another checkout
# must not report that checkout's tags.
toplevel=$(git -C "$root" rev-parse --show-toplevel 2>/dev/null || true)
if [ -z "$toplevel" ] || [ "$(cd "$toplevel" && pwd -P)" != "$root" ]; then
  echo "$release"
  exit 0
fi

commit=$(git -C "$root" rev-parse --short=7 HEAD)
if ! git -C "$root" diff --quiet HEAD -- 2>/dev/null; then
  commit="$commit-dirty"
fi
if describe=$(git -C "$root" describe --tags --match 'v[0-9]*' --long --abbrev=7 2>/dev/null); then
  # v0.1.0-3-gabc1234: the tag, the commits since it, the commit.
  rest=${describe%-g*}
  since=${rest##*-}
  tag=${rest%-*}
  version=${tag#v}
  [ "$since" = 0 ] || version="$version+$since"
else
  version=$release
fi
echo "$version $commit"
