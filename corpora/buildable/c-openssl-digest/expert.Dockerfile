FROM gcc:12 AS builder

RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY Makefile digest.c ./
RUN make digest

FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home hasher
WORKDIR /home/hasher
COPY --from=builder /src/digest /usr/local/bin/digest

USER hasher
ENTRYPOINT ["/usr/local/bin/digest"]
CMD ["abc"]
