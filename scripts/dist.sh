#!/usr/bin/env bash
# Builds the release tarball dist/cartograph-<version>-linux-<arch>.tar.gz and its .sha256:
# a release binary that carries the Swift runtime, Foundation, libcmark-gfm, libstdc++ and
# libgcc, so it needs only the C library (libc, libm) of the machine it is copied to.
# `make dist` runs it; scripts/check-dist.sh checks what it made.
#
# Everything builds under .build-dist, so the debug build in .build is left as it is. No
# $ORIGIN run path: with nothing to load beside it, it would only let a libc.so.6 dropped
# next to the binary be loaded first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)
swift=${SWIFT:-swift}
scratch=$root/.build-dist
case $root in *[[:space:]]*)
  echo "error: the checkout's path has a space, which pkg-config's Libs line cannot carry: $root" >&2
  exit 1 ;;
esac

read -r version commit < <(scripts/version.sh)
arch=$(uname -m)
name=cartograph-$version-linux-$arch

# libcmark-gfm: SwiftPM reads the linker flags from libcmark-gfm.pc, whose
# -L/usr/lib/<triple> comes first on the link line and finds the shared library there.
# A .pc of our own, found first through PKG_CONFIG_PATH and used only here, points -L at a
# folder that holds the static archives and nothing else, so -lcmark-gfm means the .a.
libdir=$(pkg-config --variable=libdir libcmark-gfm)
static=$scratch/static-libs
pcdir=$scratch/pkgconfig
mkdir -p "$static" "$pcdir"
for lib in libcmark-gfm libcmark-gfm-extensions; do
  if [ ! -f "$libdir/$lib.a" ]; then
    echo "error: $libdir/$lib.a not found (Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev ship it)" >&2
    exit 1
  fi
  ln -sf "$libdir/$lib.a" "$static/$lib.a"
done
# The static Swift runtime asks for -lstdc++ (Foundation's ICU is C++); the same folder
# makes that the archive too, so the binary does not need the host's libstdc++ to be at
# least as new as the build machine's (GLIBCXX_* symbol versions).
stdcxx=$(${CC:-clang} -print-file-name=libstdc++.a)
if [ "${stdcxx#/}" = "$stdcxx" ]; then
  echo "error: libstdc++.a not found (install libstdc++-<gcc version>-dev)" >&2
  exit 1
fi
ln -sf "$stdcxx" "$static/libstdc++.a"
# jemalloc (Package.swift links its archive when Debian's libjemalloc-dev is installed): its
# malloc must also be what the C library calls, for what it allocates and Swift frees. With
# the Swift runtime linked in, the static-stdlib link line hides every archive's symbols
# (--exclude-libs ALL), so libc would keep its own malloc. Linked as one object instead, the
# malloc family is exported; an empty archive in the same folder answers -ljemalloc_pic.
jemalloc=()
for folder in "/usr/lib/$(uname -m)-linux-gnu" /usr/lib64 /usr/lib; do
  if [ -f "$folder/libjemalloc_pic.a" ]; then
    rm -rf "$static/jemalloc" "$static/jemalloc.o" "$static/libjemalloc_pic.a"
    mkdir "$static/jemalloc"
    (cd "$static/jemalloc" && ar x "$folder/libjemalloc_pic.a")
    # Its C++ operator new and delete stay libstdc++'s (which call malloc): both define them.
    rm -f "$static/jemalloc/jemalloc_cpp.pic.o"
    ld -r "$static"/jemalloc/*.o -o "$static/jemalloc.o"
    ar rc "$static/libjemalloc_pic.a"
    jemalloc=(-Xlinker "$static/jemalloc.o")
    break
  fi
done
cat >"$pcdir/libcmark-gfm.pc" <<PC
Name: libcmark-gfm
Description: libcmark-gfm from its static archives, for make dist
Version: $(pkg-config --modversion libcmark-gfm)
Libs: -L$static -lcmark-gfm -lcmark-gfm-extensions
Cflags: $(pkg-config --cflags libcmark-gfm)
PC

echo "Building cartograph $version${commit:+ ($commit)} for linux-$arch"
PKG_CONFIG_PATH=$pcdir "$swift" build -c release --product cartograph \
  --scratch-path "$scratch" \
  --static-swift-stdlib --disable-local-rpath \
  -Xswiftc -Xclang-linker -Xswiftc -static-libgcc \
  "${jemalloc[@]}" \
  -Xcc "-DCARTOGRAPH_BUILD_VERSION=\"$version\"" \
  -Xcc "-DCARTOGRAPH_BUILD_COMMIT=\"$commit\""
binary=$("$swift" build -c release --scratch-path "$scratch" --show-bin-path)/cartograph

# The tarball holds one folder with the binary (its DWARF stripped; the symbol table stays so
# a crash report still names functions) and the README. Names, owners, times and gzip's
# header are fixed, so the same binary gives the same tarball.
stage=$scratch/stage/$name
rm -rf "$scratch/stage"
mkdir -p "$stage" dist
cp "$binary" "$stage/cartograph"
strip --strip-debug "$stage/cartograph"
cp README.md "$stage/README.md"
epoch=0
[ -z "$commit" ] || epoch=$(git log -1 --format=%ct)
tar -C "$scratch/stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -cf - "$name" | gzip -n -9 >"dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "dist/$name.tar.gz"
echo "dist/$name.tar.gz.sha256"
