FROM rust:1.63 AS builder

WORKDIR /usr/src/rot13
COPY . .
RUN cargo install --path . --root /out

FROM debian:bookworm-slim

COPY --from=builder /out/bin/rot13 /usr/local/bin/rot13

ENTRYPOINT ["rot13"]
CMD ["Why", "did", "the", "chicken", "cross", "the", "road"]
