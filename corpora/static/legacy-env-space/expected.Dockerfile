FROM python:3.11 AS builder

ENV APP_HOME /opt/svc
ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1
ENV PATH /opt/svc/bin:$PATH

WORKDIR $APP_HOME
COPY requirements.txt $APP_HOME/
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install -r requirements.txt
COPY . $APP_HOME

FROM python:3.11-slim
MAINTAINER ops@example.com

ENV APP_HOME /opt/svc
ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1
ENV PATH /opt/svc/bin:$PATH

WORKDIR $APP_HOME
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /opt/svc /opt/svc
ENV PATH=/opt/venv/bin:$PATH

CMD python -m svc --port 8080
