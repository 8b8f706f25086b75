FROM python:3.11 AS builder

ENV POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_CREATE=false \
    POETRY_NO_INTERACTION=1

RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install "poetry==$POETRY_VERSION"

WORKDIR /project
COPY pyproject.toml poetry.lock ./
RUN poetry install --only main --no-root
COPY . .
RUN poetry install --only-root

FROM python:3.11-slim

ENV POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_CREATE=false \
    POETRY_NO_INTERACTION=1

COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /project /project
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /project

CMD ["uvicorn", "billing.api:app", "--host", "0.0.0.0", "--port", "8000"]
