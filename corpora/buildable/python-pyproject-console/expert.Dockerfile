FROM python:3.11 AS builder

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
COPY pyproject.toml ./
COPY wordstat ./wordstat
RUN pip install --no-cache-dir .

FROM python:3.11-slim

LABEL org.opencontainers.image.title="wordstat"

COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /data
CMD wordstat --top 2
