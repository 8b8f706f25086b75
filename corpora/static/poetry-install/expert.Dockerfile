FROM python:3.11 AS builder

ENV POETRY_VERSION=1.8.3 \
    POETRY_VIRTUALENVS_IN_PROJECT=true \
    POETRY_NO_INTERACTION=1

RUN pip install "poetry==$POETRY_VERSION"

WORKDIR /project
COPY pyproject.toml poetry.lock ./
RUN poetry install --only main --no-root
COPY . .
RUN poetry install --only-root

FROM python:3.11-slim

WORKDIR /project
COPY --from=builder /project /project
ENV PATH=/project/.venv/bin:$PATH

CMD ["uvicorn", "billing.api:app", "--host", "0.0.0.0", "--port", "8000"]
