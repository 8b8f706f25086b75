FROM gcc:12 AS builder

RUN apt-get update && apt-get install -y --no-install-recommends \
    # headers for the TLS client
    libssl-dev \
    # compression support
    zlib1g-dev \

    libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
RUN make \
    # keep symbols out of the shipped binary
    STRIP=1 \
    && make install PREFIX=/usr/local DESTDIR=/out

FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 zlib1g libcurl4 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY --from=builder /out /

CMD ["fetchd", "--config", "/etc/fetchd.conf"]
