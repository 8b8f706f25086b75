FROM rust:1.63 AS builder

WORKDIR /usr/src/rot13
COPY . .
RUN cargo install --path .

# hadolint ignore=DL3006
FROM gcr.io/distroless/cc-debian12

WORKDIR /usr/src/rot13
COPY --from=builder /usr/local/cargo/bin/rot13 /usr/local/bin/rot13

ENTRYPOINT ["rot13"]
CMD ["Why", "did", "the", "chicken", "cross", "the", "road"]
