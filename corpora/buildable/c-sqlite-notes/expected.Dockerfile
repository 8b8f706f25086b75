FROM gcc:12 AS builder

RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*

COPY notes.c /build/
RUN cd /build && gcc -O2 $(pkg-config --cflags sqlite3) -o notes notes.c $(pkg-config --libs sqlite3) \
    && install -m 0755 notes /usr/bin/notes

FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 \
    && rm -rf /var/lib/apt/lists/*

COPY --from=builder /usr/bin/notes /usr/bin/notes

CMD ["notes"]
