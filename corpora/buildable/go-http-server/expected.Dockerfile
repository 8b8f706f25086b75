FROM golang:1.19 AS builder

WORKDIR /app
COPY go.mod ./
COPY *.go ./
RUN CGO_ENABLED=0 go build -o server

ENV PORT=18201

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12

WORKDIR /app
COPY --from=builder /app/server /app/server

ENV PORT=18201
EXPOSE 18201
CMD ["./server"]
