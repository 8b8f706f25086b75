FROM rust:1.63 AS builder

RUN useradd --system --uid 999 tiny
WORKDIR /opt/tinyhttp
COPY . .
RUN cargo build --release --locked \
    && cp target/release/tinyhttp /usr/local/bin/tinyhttp

ENV PORT=18301
USER tiny

FROM debian:bookworm-slim

RUN useradd --system --uid 999 tiny
WORKDIR /opt/tinyhttp
COPY --from=builder /usr/local/bin/tinyhttp /usr/local/bin/tinyhttp

ENV PORT=18301
EXPOSE 18301
USER tiny
CMD ["tinyhttp"]
