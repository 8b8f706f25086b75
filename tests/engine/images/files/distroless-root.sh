#!/bin/sh
# Lay out what gcr.io/distroless/static-debian12 holds under $1: users root,
# nobody and nonroot (65532), the CA bundle, time zones, /tmp, no shell.
set -eux
out=$1
mkdir -p "$out/etc/ssl/certs" "$out/tmp" "$out/root" "$out/home/nonroot" \
    "$out/usr/share" "$out/var/lib"
cat >"$out/etc/passwd" <<'END'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
END
cat >"$out/etc/group" <<'END'
root:x:0:
nobody:x:65534:
tty:x:5:
staff:x:50:
nonroot:x:65532:
END
printf 'hosts: files dns\n' >"$out/etc/nsswitch.conf"
cp /etc/os-release "$out/etc/os-release"
cp /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/"
cp -a /usr/share/zoneinfo "$out/usr/share/"
rm -rf "$out/usr/share/zoneinfo/right" "$out/usr/share/zoneinfo/posix"
chmod 1777 "$out/tmp"
chmod 700 "$out/root" "$out/home/nonroot"
chown 65532:65532 "$out/home/nonroot"
