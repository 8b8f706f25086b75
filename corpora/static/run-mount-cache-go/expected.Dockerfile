# syntax=docker/dockerfile:1
FROM golang:1.22 AS builder

WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -o /bin/gateway ./cmd/gateway

USER 65534:65534

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12

WORKDIR /src
COPY --from=builder /bin/gateway /bin/gateway

USER 65534:65534
EXPOSE 8443
ENTRYPOINT ["/bin/gateway"]
