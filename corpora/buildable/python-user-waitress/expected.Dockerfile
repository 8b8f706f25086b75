FROM python:3.11 AS builder

RUN groupadd --system svc && useradd --system --gid svc --create-home svc
USER svc
WORKDIR /home/svc

COPY --chown=svc:svc requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt
ENV PATH=/home/svc/.local/bin:$PATH

COPY --chown=svc:svc service.py .
ENV PORT=18003

FROM python:3.11-slim

RUN groupadd --system svc && useradd --system --gid svc --create-home svc
USER svc
WORKDIR /home/svc

COPY --from=builder /home/svc /home/svc
ENV PATH=/home/svc/.local/bin:$PATH
ENV PORT=18003
EXPOSE 18003
STOPSIGNAL SIGINT

CMD ["python", "service.py"]
