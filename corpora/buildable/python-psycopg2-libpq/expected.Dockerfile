FROM python:3.11 AS builder

RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/app
COPY requirements.txt ./
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir --no-binary psycopg2 -r requirements.txt

COPY check_db.py ./

FROM python:3.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /srv/app /srv/app
ENV PATH=/opt/venv/bin:$PATH

CMD ["python", "check_db.py"]
