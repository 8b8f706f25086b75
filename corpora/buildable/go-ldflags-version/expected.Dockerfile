FROM golang:1.19 AS builder
ARG VERSION=1.8.2

ENV CGO_ENABLED=0 GOFLAGS=-trimpath
WORKDIR /workspace
COPY . .
RUN go vet ./... \
    && go build -ldflags "-s -w -X main.version=${VERSION}" -o bin/relinfo .

RUN useradd --no-create-home --uid 65532 nonroot
USER 65532

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12
ARG VERSION=1.8.2
LABEL maintainer="platform-team@example.com" version="${VERSION}"

ENV CGO_ENABLED=0 GOFLAGS=-trimpath
WORKDIR /workspace
COPY --from=builder /workspace/bin/relinfo /workspace/bin/relinfo
COPY --from=builder /etc/passwd /etc/passwd
COPY --from=builder /etc/group /etc/group
USER 65532
ENTRYPOINT ["/workspace/bin/relinfo"]
