# Like buildpack-deps:bookworm, the base of the official "full" language
# images: curl, version control and a C toolchain with the common -dev headers.
FROM debian:bookworm
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates curl gnupg netbase wget \
        git mercurial openssh-client procps subversion \
        autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc \
        imagemagick libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev \
        libevent-dev libffi-dev libgdbm-dev libglib2.0-dev libgmp-dev libjpeg-dev \
        libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev \
        libmaxminddb-dev libncurses-dev libncurses5-dev libncursesw5-dev \
        libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool \
        libwebp-dev libxml2-dev libxslt1-dev libyaml-dev make patch pkg-config \
        unzip xz-utils zlib1g-dev; \
    rm -rf /var/lib/apt/lists/*
