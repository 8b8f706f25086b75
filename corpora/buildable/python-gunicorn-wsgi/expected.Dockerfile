FROM python:3.11 AS builder

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=18002

RUN useradd --create-home --uid 10001 web
WORKDIR /home/web/app

COPY requirements.txt .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt
COPY wsgi.py .

USER web

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=18002

RUN useradd --create-home --uid 10001 web
WORKDIR /home/web/app

COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /home/web/app /home/web/app
ENV PATH=/opt/venv/bin:$PATH

USER web
EXPOSE 18002
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,os; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['PORT'])"

CMD gunicorn --workers 2 --bind 127.0.0.1:$PORT wsgi:application
