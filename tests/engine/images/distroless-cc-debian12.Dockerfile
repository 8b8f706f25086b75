# Like gcr.io/distroless/cc-debian12: the static layout plus glibc, libssl3 and
# the C/C++ runtime (libgcc-s1, libstdc++6, libgomp1). Still no shell.
FROM debian:bookworm-slim AS root
COPY files/distroless-root.sh files/distroless-libs.sh /usr/local/bin/
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates libgcc-s1 libgomp1 libssl3 libstdc++6 tzdata; \
    rm -rf /var/lib/apt/lists/*; \
    sh /usr/local/bin/distroless-root.sh /out; \
    sh /usr/local/bin/distroless-libs.sh /out libc6 libgcc-s1 libgomp1 libssl3 libstdc++6

FROM scratch
COPY --from=root /out/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
