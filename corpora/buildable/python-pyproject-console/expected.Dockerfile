FROM python:3.11 AS builder

WORKDIR /build
COPY pyproject.toml ./
COPY wordstat ./wordstat
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir . && rm -rf /build

WORKDIR /data

FROM python:3.11-slim

LABEL org.opencontainers.image.title="wordstat"

COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /data
CMD wordstat --top 2
