# syntax=docker/dockerfile:1.4
FROM python:3.11 AS builder

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends gcc libxml2-dev libxslt1-dev
pip install --no-cache-dir -r requirements.txt
rm -rf /var/lib/apt/lists/*
EOF

FROM python:3.11-slim

RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends libxml2 libxslt1.1
rm -rf /var/lib/apt/lists/*
EOF

COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /srv
COPY . .

CMD ["python", "-m", "scraper"]
