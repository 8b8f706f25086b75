FROM python:3.11 AS builder

ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv $VIRTUAL_ENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY shortener ./shortener

FROM python:3.11-slim

ENV VIRTUAL_ENV=/opt/venv
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
ENV PATH="$VIRTUAL_ENV/bin:$PATH"

WORKDIR /app

CMD ["python", "-m", "shortener"]
