# Like python:3.11: buildpack-deps plus Debian's Python 3.11 with its headers.
# Env, Cmd and the python/pip layout match python-3.11-slim.Dockerfile.
FROM buildpack-deps:bookworm
ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PYTHON_VERSION=3.11.2 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
COPY files/python-layout.sh /usr/local/lib/standin/
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        python3 python3-dev python3-pip python3-venv; \
    rm -rf /var/lib/apt/lists/*; \
    sh /usr/local/lib/standin/python-layout.sh
CMD ["python3"]
