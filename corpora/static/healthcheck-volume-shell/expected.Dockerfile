FROM python:3.11 AS builder

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update && apt-get install -y --no-install-recommends libjpeg-dev zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/thumbs
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir --no-binary pillow -r requirements.txt
COPY thumbs ./thumbs

RUN useradd --uid 1001 thumbs && mkdir -p /data && chown thumbs /data
USER thumbs

FROM python:3.11-slim

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/thumbs
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /srv/thumbs /srv/thumbs
ENV PATH=/opt/venv/bin:$PATH

RUN useradd --uid 1001 thumbs && mkdir -p /data && chown thumbs /data
VOLUME ["/data"]
USER thumbs
STOPSIGNAL SIGTERM
EXPOSE 7000
HEALTHCHECK --interval=15s --timeout=2s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:7000/health')" || exit 1
CMD ["python", "-m", "thumbs.server", "--data", "/data"]
