# syntax=docker/dockerfile:1
FROM python:3.11 AS builder

WORKDIR /code
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    pip install -r /tmp/requirements.txt
COPY src/ ./src/

ENV PYTHONPATH=/code/src

FROM python:3.11-slim

WORKDIR /code
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /code /code
ENV PATH=/opt/venv/bin:$PATH

ENV PYTHONPATH=/code/src
CMD ["python", "-m", "worker"]
