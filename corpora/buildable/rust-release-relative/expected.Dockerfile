FROM rust:1.63 AS builder

WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release

# hadolint ignore=DL3006
FROM gcr.io/distroless/cc-debian12

WORKDIR /usr/src/app
COPY --from=builder /usr/src/app/target/release/app /usr/src/app/target/release/app

CMD ["./target/release/app", "30"]
