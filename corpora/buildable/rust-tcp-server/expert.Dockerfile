FROM rust:1.63 AS builder

WORKDIR /opt/tinyhttp
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian12

COPY --from=builder /opt/tinyhttp/target/release/tinyhttp /usr/local/bin/tinyhttp
WORKDIR /opt/tinyhttp

ENV PORT=18301
EXPOSE 18301
USER 999
CMD ["tinyhttp"]
