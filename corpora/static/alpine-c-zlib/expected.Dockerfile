FROM alpine:3.19 AS builder

RUN apk add --no-cache build-base zlib-dev

WORKDIR /src
COPY . .
RUN make && make install PREFIX=/usr/local DESTDIR=/out

FROM alpine:3.19

RUN apk add --no-cache zlib

WORKDIR /src
COPY --from=builder /out /

ENTRYPOINT ["packer"]
