FROM ubuntu:22.04 AS builder

ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y \
      build-essential \
      cmake \
      libssl-dev \
      pkg-config \
    && rm -rf /var/lib/apt/lists/*

COPY . /opt/tlsprobe
WORKDIR /opt/tlsprobe/build
RUN cmake .. -DCMAKE_BUILD_TYPE=Release && make -j"$(nproc)" && make install

FROM ubuntu:22.04

ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends libssl3 \
    && rm -rf /var/lib/apt/lists/*

COPY --from=builder /usr/local/bin/tlsprobe /usr/local/bin/tlsprobe
WORKDIR /opt/tlsprobe/build

ENTRYPOINT ["tlsprobe"]
CMD ["--help"]
