FROM gcc:12 AS builder
RUN apt-get update && apt-get install -y zlib1g-dev && rm -rf /var/lib/apt/lists/*
COPY deflate.c /usr/src/deflate/
RUN gcc -O2 -o /usr/local/bin/deflate /usr/src/deflate/deflate.c -lz

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends zlib1g \
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /usr/local/bin/deflate /usr/local/bin/deflate
CMD deflate
