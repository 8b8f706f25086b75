# syntax=docker/dockerfile:1.4
FROM python:3.11 AS builder

WORKDIR /srv
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends gcc libxml2-dev libxslt1-dev
pip install --no-cache-dir -r requirements.txt
rm -rf /var/lib/apt/lists/*
EOF
COPY . .

FROM python:3.11-slim

WORKDIR /srv
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /srv /srv
ENV PATH=/opt/venv/bin:$PATH
RUN apt-get update \
    && apt-get install -y --no-install-recommends libxml2 libxslt1.1 \
    && rm -rf /var/lib/apt/lists/*

CMD ["python", "-m", "scraper"]
