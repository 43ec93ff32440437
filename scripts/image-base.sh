#!/usr/bin/env bash
# The server image's base, made from Debian packages (no registry needed): bookworm with OpenJDK 17's headless JRE,
# in `docker save` format, which Jib takes as a tar:// base. Prints the base tar's path.
#
# Kept in AGENTMAIL_IMAGE_CACHE (default ~/.cache/agentmail-image), outside any checkout, so that CI and every clone
# reuse it: the downloaded .debs in debs/, and the base itself as base-<key>.tar, where the key hashes this script
# and the apt sources it was built from. A new key builds a new base (about 100 s) from the cached .debs;
# AGENTMAIL_IMAGE_REBUILD_BASE=1 forces one, e.g. for Debian's security updates.
set -euo pipefail

cache="${AGENTMAIL_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentmail-image}"
suite=bookworm
# The machine's own apt sources (its mirror or proxy); with none, mmdebstrap uses Debian's default mirror.
sources=()
for candidate in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [ -s "$candidate" ]; then
        sources=("$candidate")
        break
    fi
done

key=$( { cat "${BASH_SOURCE[0]}"; echo "$suite"; [ ${#sources[@]} = 0 ] || cat "${sources[@]}"; } | sha256sum | cut -c1-16)
base="$cache/base-$key.tar"
mkdir -p "$cache/debs"
exec 9>"$cache/lock"
flock 9

if [ -s "$base" ] && [ "${AGENTMAIL_IMAGE_REBUILD_BASE:-0}" != 1 ]; then
    echo "$base"
    exit 0
fi

for tool in mmdebstrap skopeo; do
    if ! command -v "$tool" >/dev/null; then
        echo "agentmail: $tool is missing: apt-get install --no-install-recommends mmdebstrap skopeo" >&2
        exit 1
    fi
done

work=$(mktemp -d "$cache/build.XXXXXX")
mkdir "$work/debs"
trap 'rm -rf "$work"' EXIT
echo "agentmail: building the image's base from Debian packages (about 100 s)..." >&2
# Without the man1 directory update-alternatives fails on the excluded man pages; without the merged-usr hooks
# usrmerge and perl come in; --skip=output/dev keeps device nodes out of the layer, for rootless engines;
# --skip=essential/unlink keeps the essential packages' .debs for the cache too.
mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --skip=output/dev --skip=essential/unlink \
    --setup-hook='mkdir -p "$1"/usr/share/man/man1 "$1"/var/cache/apt/archives' \
    --setup-hook="sync-in $cache/debs /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $work/debs" \
    --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
    "$suite" "$work/rootfs.tar" "${sources[@]}" >&2
skopeo copy --quiet "tarball:$work/rootfs.tar" "docker-archive:$work/base.tar:local/agentmail-base:$suite" >&2
rm -f "$cache"/base-*.tar
mv "$work/base.tar" "$base"
# Only the .debs this base used: older ones would pile up at every Debian point release.
rm -rf "$cache/debs"
mv "$work/debs" "$cache/debs"
echo "$base"
