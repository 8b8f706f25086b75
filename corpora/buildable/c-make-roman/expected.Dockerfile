FROM gcc:12 AS builder

WORKDIR /src/roman
COPY . .
RUN make

FROM debian:bookworm-slim

WORKDIR /src/roman
COPY --from=builder /src/roman/bin/roman /src/roman/bin/roman

CMD ["./bin/roman", "1987", "2024", "3999"]
