FROM rust:1.63 AS builder

WORKDIR /build
COPY . .
RUN cargo test --workspace --release \
 && cargo build --release -p tempconv-cli

# hadolint ignore=DL3006
FROM gcr.io/distroless/cc-debian12

WORKDIR /build
COPY --from=builder /build/target/release/tempconv /build/target/release/tempconv

ENTRYPOINT ["/build/target/release/tempconv"]
CMD ["100c", "451f", "-40c"]
