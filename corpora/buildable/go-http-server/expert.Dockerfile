FROM golang:1.19 AS builder

WORKDIR /app
COPY go.mod ./
COPY *.go ./
RUN CGO_ENABLED=0 go build -o server

FROM gcr.io/distroless/static-debian12

WORKDIR /app
COPY --from=builder /app/server ./server

ENV PORT=18201
EXPOSE 18201
CMD ["./server"]
