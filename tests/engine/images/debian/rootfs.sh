#!/bin/sh
# Turn a fresh `debootstrap --variant=minbase` tree into what the official
# debian images hold. `common` runs first (both tags), `slim` only before the
# slim import. Arguments: STEP ROOTFS, plus MIRROR SECURITY CERTS for `common`.
set -eu
here=$(dirname "$0")
step=$1
root=$2

common() {
    mirror=$1 security=$2 certs=$3

    # The apt settings the official images ship: no caches kept, gzipped
    # indexes, no translations.
    cp "$here"/apt.conf.d/docker-* "$root/etc/apt/apt.conf.d/"

    rm -f "$root/etc/apt/sources.list"
    sed -e "s|@MIRROR@|$mirror|" -e "s|@SECURITY@|$security|" \
        "$here/debian.sources" >"$root/etc/apt/sources.list.d/debian.sources"

    # The TLS-intercepting proxy's CAs go in before any image installs the
    # ca-certificates package, whose trigger then adds them to the bundle.
    mkdir -p "$root/usr/local/share/ca-certificates"
    find "$certs" -maxdepth 1 -name '*.crt' -exec cp {} "$root/usr/local/share/ca-certificates/" \;

    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
        "$root"/var/cache/apt/archives/*.deb "$root"/var/log/* "$root"/tmp/* \
        "$root"/var/tmp/* "$root/etc/resolv.conf" "$root/etc/hostname"
    : >"$root/etc/machine-id"
}

slim() {
    # What debuerreotype's slimify does: keep copyright files, drop the rest
    # of the docs, man pages and translations, now and for later installs.
    cp "$here/dpkg-slim.cfg" "$root/etc/dpkg/dpkg.cfg.d/docker"
    find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
    rm -rf "$root"/usr/share/man/* "$root"/usr/share/groff/* "$root"/usr/share/info/* \
        "$root"/usr/share/lintian/* "$root"/usr/share/linda/*
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias \
        -exec rm -rf {} +
}

case $step in
common) shift 2; common "$@" ;;
slim) slim ;;
*) echo "rootfs.sh: unknown step $step" >&2; exit 2 ;;
esac
