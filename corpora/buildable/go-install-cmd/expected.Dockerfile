FROM golang:1.19 AS builder

WORKDIR /go/src/kvtool
COPY . .
RUN go test ./... && CGO_ENABLED=0 go install ./cmd/kvtool

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12

WORKDIR /go/src/kvtool
COPY --from=builder /go/bin/kvtool /usr/local/bin/kvtool

CMD ["kvtool", "region=eu-west", "tier=gold", "replicas=3"]
