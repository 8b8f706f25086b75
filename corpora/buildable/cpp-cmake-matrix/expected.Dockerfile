FROM gcc:12 AS builder

RUN apt-get update && apt-get install -y --no-install-recommends cmake \
    && rm -rf /var/lib/apt/lists/*

COPY . /usr/src/matrix
RUN cmake -S /usr/src/matrix -B /usr/src/matrix/build -DCMAKE_BUILD_TYPE=Release \
    && cmake --build /usr/src/matrix/build --parallel 2 \
    && cmake --install /usr/src/matrix/build --prefix /usr/local

FROM debian:bookworm-slim

COPY --from=builder /usr/local/bin/matrix /usr/local/bin/matrix

CMD ["matrix", "90"]
