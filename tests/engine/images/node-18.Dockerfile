# Like node:18: buildpack-deps plus Node.js 18 and npm.
# Debian's own npm drags in python3 and -dev headers, so npm comes from the
# registry instead, as it ships with the official images. Env, Entrypoint and
# Cmd match the other node Dockerfile.
FROM debian:bookworm-slim AS npm
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates curl; \
    curl -fsSL -o /npm.tgz https://registry.npmjs.org/npm/-/npm-10.7.0.tgz; \
    echo "c87e0bbb7a53422670e423d0198120760f67c3b7  /npm.tgz" | sha1sum -c -; \
    mkdir /npm; \
    tar -xzf /npm.tgz -C /npm --strip-components=1 --no-same-owner; \
    printf 'prefix=/usr/local\n' >/npm/npmrc

FROM buildpack-deps:bookworm
ENV NODE_VERSION=18.20.4 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs; \
    rm -rf /var/lib/apt/lists/*
COPY --from=npm /npm /usr/local/lib/node_modules/npm
COPY files/docker-entrypoint.sh /usr/local/bin/
RUN set -eux; \
    ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm; \
    ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx; \
    npm --version; \
    node --version
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
