FROM rust:1.75 AS builder

RUN cargo install --locked ripgrep@14.1.0
WORKDIR /work

# hadolint ignore=DL3006
FROM gcr.io/distroless/cc-debian12

COPY --from=builder /usr/local/cargo/bin/rg /usr/local/bin/rg
WORKDIR /work
ENTRYPOINT ["rg"]
CMD ["--version"]
