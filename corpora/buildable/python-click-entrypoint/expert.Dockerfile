FROM python:3.11 AS builder

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

COPY requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11-slim
ARG APP_HOME=/opt/todo

COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR ${APP_HOME}
COPY todo.py ${APP_HOME}/

ENTRYPOINT ["python", "/opt/todo/todo.py"]
CMD ["list", "--status", "open"]
