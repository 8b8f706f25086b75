FROM golang:1.19 AS builder

WORKDIR /src
COPY . .
RUN go build \
    -o /bin/ticker \
    ./cmd/ticker

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12

WORKDIR /src
COPY --from=builder /bin/ticker /bin/ticker

CMD ["/bin/ticker"]
