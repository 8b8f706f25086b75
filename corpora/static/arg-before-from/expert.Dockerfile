ARG PYTHON_VERSION=3.11
FROM python:${PYTHON_VERSION} AS builder
ARG EXTRA_INDEX=https://pypi.example.com/simple

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip install --no-cache-dir --extra-index-url "$EXTRA_INDEX" -r requirements.txt

FROM python:${PYTHON_VERSION}-slim
ARG PYTHON_VERSION

LABEL python.version=${PYTHON_VERSION}
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY . .
CMD ["python", "main.py"]
