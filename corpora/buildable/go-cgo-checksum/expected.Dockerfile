FROM golang:1.19 AS builder

RUN apt-get update \
 && apt-get install -y --no-install-recommends zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /go/src/crcsum
COPY . .
RUN CGO_ENABLED=1 go build -o /usr/local/bin/crcsum .

FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends zlib1g \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /go/src/crcsum
COPY --from=builder /usr/local/bin/crcsum /usr/local/bin/crcsum

CMD ["crcsum", "hello"]
