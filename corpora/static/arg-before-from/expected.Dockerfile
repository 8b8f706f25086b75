ARG PYTHON_VERSION=3.11
FROM python:${PYTHON_VERSION} AS builder
ARG PYTHON_VERSION
ARG EXTRA_INDEX=https://pypi.example.com/simple
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir --extra-index-url "$EXTRA_INDEX" -r requirements.txt
COPY . .

FROM python:${PYTHON_VERSION}-slim
ARG PYTHON_VERSION

LABEL python.version=${PYTHON_VERSION}
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
ENV PATH=/opt/venv/bin:$PATH
CMD ["python", "main.py"]
