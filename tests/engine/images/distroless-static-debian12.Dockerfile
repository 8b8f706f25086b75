# Like gcr.io/distroless/static-debian12: users, CA certificates, time zones
# and /tmp on an empty image. No shell, no libc: for static binaries.
FROM debian:bookworm-slim AS root
COPY files/distroless-root.sh /usr/local/bin/
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates tzdata; \
    rm -rf /var/lib/apt/lists/*; \
    sh /usr/local/bin/distroless-root.sh /out

FROM scratch
COPY --from=root /out/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
