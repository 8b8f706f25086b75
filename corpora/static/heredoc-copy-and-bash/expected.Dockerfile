# syntax=docker/dockerfile:1.4
FROM golang:1.21 AS builder

WORKDIR /src
COPY <<EOF /src/build.env
GOOS=linux
GOARCH=amd64
EOF
COPY . .
RUN <<-EOT bash
	set -euo pipefail
	source /src/build.env
	export GOOS GOARCH
	CGO_ENABLED=0 go build -o /out/agent ./cmd/agent
	EOT

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12

WORKDIR /src
COPY --from=builder /out/agent /out/agent

ENTRYPOINT ["/out/agent"]
