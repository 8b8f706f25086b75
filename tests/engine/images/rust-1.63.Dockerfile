# Like rust:1.63: buildpack-deps plus Debian's rustc 1.63 and cargo, with the
# official image's CARGO_HOME/RUSTUP_HOME layout (there is no rustup here).
FROM buildpack-deps:bookworm
ENV RUSTUP_HOME=/usr/local/rustup \
    CARGO_HOME=/usr/local/cargo \
    PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    RUST_VERSION=1.63.0 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends cargo rustc; \
    rm -rf /var/lib/apt/lists/*; \
    mkdir -p "$CARGO_HOME/bin" "$RUSTUP_HOME"; \
    for tool in cargo rustc rustdoc; do ln -s "/usr/bin/$tool" "$CARGO_HOME/bin/$tool"; done; \
    chmod -R a+w "$CARGO_HOME" "$RUSTUP_HOME"; \
    cargo --version; \
    rustc --version
