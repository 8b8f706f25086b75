# Like golang:1.19: buildpack-deps plus Debian's Go 1.19 at /usr/local/go.
FROM buildpack-deps:bookworm
ENV GOLANG_VERSION=1.19.8 \
    GOPATH=/go \
    PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends golang-1.19-go; \
    rm -rf /var/lib/apt/lists/*; \
    ln -s /usr/lib/go-1.19 /usr/local/go; \
    mkdir -p "$GOPATH/src" "$GOPATH/bin"; \
    chmod -R 1777 "$GOPATH"; \
    go version
WORKDIR /go
