#!/bin/sh
# Give Debian's Python the layout of the official python images: python and
# pip in /usr/local/bin, root pip installs allowed (no EXTERNALLY-MANAGED) and
# landing in /usr/local/lib/python3.11/site-packages, the path Dockerfiles copy.
set -eux
rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED
for name in python python3; do ln -sf /usr/bin/python3 "/usr/local/bin/$name"; done
for name in pip pip3; do ln -sf /usr/bin/pip3 "/usr/local/bin/$name"; done
lib=/usr/local/lib/python3.11
mkdir -p "$lib/site-packages"
rm -rf "$lib/dist-packages"
ln -s site-packages "$lib/dist-packages"
