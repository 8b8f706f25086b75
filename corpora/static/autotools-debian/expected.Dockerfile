FROM debian:bookworm AS builder

RUN apt-get update && apt-get install -y --no-install-recommends \
        autoconf automake libtool make gcc pkg-config libevent-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /usr/src/relayd
COPY . .
RUN autoreconf -fi \
    && ./configure --prefix=/usr --sysconfdir=/etc \
    && make -j2 \
    && make install DESTDIR=/out

FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libevent-2.1-7 libevent-core-2.1-7 libevent-extra-2.1-7 libevent-openssl-2.1-7 libevent-pthreads-2.1-7 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /usr/src/relayd
COPY --from=builder /out /

EXPOSE 7070
CMD ["relayd", "-f"]
