FROM rust:1.63 AS builder

RUN useradd --system --uid 999 tiny
WORKDIR /opt/tinyhttp
COPY . .
RUN cargo build --release --locked \
    && cp target/release/tinyhttp /usr/local/bin/tinyhttp

ENV PORT=18301
USER tiny

# hadolint ignore=DL3006
FROM gcr.io/distroless/cc-debian12
WORKDIR /opt/tinyhttp
COPY --from=builder /usr/local/bin/tinyhttp /usr/local/bin/tinyhttp
COPY --from=builder /etc/passwd /etc/passwd
COPY --from=builder /etc/group /etc/group

ENV PORT=18301
EXPOSE 18301
USER tiny
CMD ["tinyhttp"]
