FROM python:3.11 AS builder

RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir pipenv==2023.12.1
WORKDIR /usr/src/app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy --ignore-pipfile
COPY . .

USER nobody

FROM python:3.11-slim

COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /usr/src/app /usr/src/app
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /usr/src/app

USER nobody
CMD ["python", "./bot.py"]
