#!/bin/sh
# As in the official node images: `docker run IMAGE -e "..."` or
# `docker run IMAGE app.js` runs node with those arguments.
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
