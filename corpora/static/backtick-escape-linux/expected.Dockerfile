# escape=`
FROM rust:1.63 AS builder

WORKDIR /usr/src/regex-lint
COPY . .
RUN cargo build --release `
    && cp target/release/regex-lint /usr/local/bin/ `
    && printf 'pattern: \\d+\n' > /etc/regex-lint.yml

# hadolint ignore=DL3006
FROM gcr.io/distroless/cc-debian12

WORKDIR /usr/src/regex-lint
COPY --from=builder /usr/local/bin/regex-lint /usr/local/bin/regex-lint
COPY --from=builder /etc/regex-lint.yml /etc/regex-lint.yml

ENTRYPOINT ["regex-lint", "--config", "/etc/regex-lint.yml"]
