FROM alpine:3.19 AS builder

RUN apk add --no-cache build-base zlib-dev

WORKDIR /src
COPY . .
RUN make && make install PREFIX=/usr/local

FROM alpine:3.19

RUN apk add --no-cache zlib

COPY --from=builder /usr/local/bin/packer /usr/local/bin/packer

ENTRYPOINT ["packer"]
