FROM python:3.11 AS builder
ARG APP_HOME=/opt/todo

WORKDIR ${APP_HOME}
COPY requirements.txt ${APP_HOME}/
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir -r requirements.txt
COPY todo.py ${APP_HOME}/

FROM python:3.11-slim
ARG APP_HOME=/opt/todo

WORKDIR ${APP_HOME}
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /opt/todo /opt/todo
ENV PATH=/opt/venv/bin:$PATH

ENTRYPOINT ["python", "/opt/todo/todo.py"]
CMD ["list", "--status", "open"]
