#!/bin/sh
# Copy the files of the Debian packages named after $1 into $1, as
# gcr.io/distroless/cc-debian12 carries them: libraries only, no docs, and the
# merged /usr layout of the packages' own tree (/lib -> usr/lib).
set -eu
out=$1
shift
for link in bin lib lib64 sbin; do
    if [ -L "/$link" ]; then ln -sfn "usr/$link" "$out/$link"; fi
done
dpkg -L "$@" | while read -r path; do
    case $path in
    /usr/share/doc/* | /usr/share/man/* | /usr/share/lintian/* | /usr/share/locale/*) continue ;;
    esac
    if [ -d "$path" ] && [ ! -L "$path" ]; then continue; fi
    if [ ! -e "$path" ] && [ ! -L "$path" ]; then continue; fi
    real="$(readlink -f "$(dirname "$path")")/$(basename "$path")"
    cp -a --parents "$real" "$out"
done
