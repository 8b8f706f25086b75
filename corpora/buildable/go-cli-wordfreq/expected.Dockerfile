FROM golang:1.19 AS builder

WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/wordfreq .

# hadolint ignore=DL3006
FROM gcr.io/distroless/static-debian12

WORKDIR /src
COPY --from=builder /usr/local/bin/wordfreq /usr/local/bin/wordfreq

ENTRYPOINT ["wordfreq"]
CMD ["-top", "2"]
