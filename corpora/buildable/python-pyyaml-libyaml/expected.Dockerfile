FROM python:3.11 AS builder

RUN apt-get update && apt-get install -y --no-install-recommends \
        libyaml-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir --no-binary PyYAML -r requirements.txt
COPY render.py .

FROM python:3.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-0-2 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
ENV PATH=/opt/venv/bin:$PATH

CMD ["python", "render.py"]
