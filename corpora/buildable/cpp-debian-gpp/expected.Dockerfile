FROM debian:bookworm AS builder

ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends g++ \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/stats
COPY stats.cpp .
RUN g++ -std=c++17 -O2 -Wall -o stats stats.cpp

FROM debian:bookworm-slim

WORKDIR /opt/stats
COPY --from=builder /opt/stats/stats /opt/stats/stats

CMD ["/opt/stats/stats"]
