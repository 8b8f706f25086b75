FROM gcc:12 AS builder

WORKDIR /tmp/tally-build
COPY . .
RUN ./configure --prefix=/usr/local && make && make install DESTDIR=/out

WORKDIR /

FROM debian:bookworm-slim

WORKDIR /tmp/tally-build
COPY --from=builder /out /

WORKDIR /
ENTRYPOINT ["tally"]
CMD ["the", "art", "of", "building", "small", "images"]
