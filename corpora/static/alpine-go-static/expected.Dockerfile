FROM golang:1.21-alpine AS builder

RUN apk add --no-cache git ca-certificates

WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /usr/bin/api ./cmd/api

FROM alpine:3

RUN apk add --no-cache ca-certificates

WORKDIR /go/src/app
COPY --from=builder /usr/bin/api /usr/bin/api

EXPOSE 9000
ENTRYPOINT ["/usr/bin/api"]
