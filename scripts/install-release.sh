#!/usr/bin/env bash
# Downloads a released cartograph for this Linux machine, checks its SHA-256 and unpacks it:
#
#   scripts/install-release.sh 0.1.0 ~/.local/bin
#
# puts ~/.local/bin/cartograph in place. The action (action.yml) runs it with the version
# of its own source. The version may be given as v0.1.0 or 0.1.0.
#
# CARTOGRAPH_REPOSITORY (owner/name) says whose releases to download; CARTOGRAPH_DOWNLOAD_URL
# replaces https://github.com/<repository>/releases/download (a mirror, or file:// in tests).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 VERSION DEST-FOLDER" >&2
  exit 64
fi
version=${1#v}
dest=$2

if [ "$(uname -s)" != Linux ]; then
  echo "error: cartograph releases are built for Linux only; this is $(uname -s) (build from source: swift build -c release)" >&2
  exit 1
fi
arch=$(uname -m)
case $arch in
  x86_64 | aarch64) ;;
  arm64) arch=aarch64 ;;
  *)
    echo "error: no cartograph release for $arch (there are x86_64 and aarch64)" >&2
    exit 1 ;;
esac

base=${CARTOGRAPH_DOWNLOAD_URL:-}
if [ -z "$base" ]; then
  if [ -z "${CARTOGRAPH_REPOSITORY:-}" ]; then
    echo "error: set CARTOGRAPH_REPOSITORY (owner/name) or CARTOGRAPH_DOWNLOAD_URL" >&2
    exit 1
  fi
  base=https://github.com/$CARTOGRAPH_REPOSITORY/releases/download
fi
name=cartograph-$version-linux-$arch
url=$base/v$version/$name.tar.gz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for file in "$name.tar.gz" "$name.tar.gz.sha256"; do
  if ! curl --fail --silent --show-error --location --retry 3 --output "$work/$file" "$base/v$version/$file"; then
    echo "error: cannot download $base/v$version/$file (is there a release v$version with a linux-$arch build?)" >&2
    exit 1
  fi
done
# The .sha256 file names the tarball; a file naming anything else is not this download's.
read -r expected listed <"$work/$name.tar.gz.sha256" || true
if [ "${listed#\*}" != "$name.tar.gz" ] || ! [[ $expected =~ ^[0-9a-f]{64}$ ]]; then
  echo "error: $url.sha256 is not a SHA-256 line for $name.tar.gz" >&2
  exit 1
fi
actual=$(sha256sum "$work/$name.tar.gz" | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then
  echo "error: SHA-256 mismatch for $url: expected $expected, got $actual" >&2
  exit 1
fi

tar -xzf "$work/$name.tar.gz" -C "$work" "$name/cartograph"
mkdir -p "$dest"
install -m 0755 "$work/$name/cartograph" "$dest/cartograph"
echo "Installed cartograph $version (linux-$arch, sha256 $actual) in $dest"
