FROM gcc:12 AS builder

WORKDIR /tmp/tally-build
COPY . .
RUN ./configure --prefix=/usr/local && make && make install DESTDIR=/out

FROM debian:bookworm-slim

COPY --from=builder /out/usr/local/ /usr/local/

WORKDIR /
ENTRYPOINT ["tally"]
CMD ["the", "art", "of", "building", "small", "images"]
