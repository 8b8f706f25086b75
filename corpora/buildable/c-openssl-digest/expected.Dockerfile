FROM gcc:12 AS builder

RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl-dev \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home hasher
WORKDIR /home/hasher
COPY Makefile digest.c ./
RUN make digest && mv digest /usr/local/bin/

USER hasher

FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home hasher
WORKDIR /home/hasher
COPY --from=builder /usr/local/bin/digest /usr/local/bin/digest

USER hasher
ENTRYPOINT ["/usr/local/bin/digest"]
CMD ["abc"]
