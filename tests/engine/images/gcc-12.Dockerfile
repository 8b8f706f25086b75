# Like gcc:12: buildpack-deps (which already has gcc 12, g++ and make) plus cmake.
FROM buildpack-deps:bookworm
ENV GCC_VERSION=12.2.0 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cmake; \
    rm -rf /var/lib/apt/lists/*; \
    gcc --version
CMD ["bash"]
