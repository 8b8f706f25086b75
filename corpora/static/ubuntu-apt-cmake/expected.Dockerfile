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
RUN cmake .. -DCMAKE_BUILD_TYPE=Release && make -j"$(nproc)" && make install DESTDIR=/out

FROM ubuntu:22.04

ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl-dev \
    && rm -rf /var/lib/apt/lists/*

COPY --from=builder /out /
WORKDIR /opt/tlsprobe/build

ENTRYPOINT ["tlsprobe"]
CMD ["--help"]
