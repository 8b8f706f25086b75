FROM rust:1.75-alpine AS builder

RUN apk add --no-cache musl-dev openssl-dev pkgconfig

WORKDIR /usr/src/fetcher
COPY . .
RUN cargo build --release

FROM alpine:3

RUN apk add --no-cache libssl3 libcrypto3 libgcc

WORKDIR /usr/src/fetcher
COPY --from=builder /usr/src/fetcher/target/release/fetcher /usr/src/fetcher/target/release/fetcher

CMD ["./target/release/fetcher"]
