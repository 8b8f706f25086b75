FROM python:3.11 AS builder

WORKDIR /usr/src/fastcount
COPY . .
RUN python -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir .

FROM python:3.11-slim

WORKDIR /usr/src/fastcount
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /usr/src/fastcount /usr/src/fastcount
ENV PATH=/opt/venv/bin:$PATH

ENTRYPOINT ["fastcount"]
CMD ["bananas and papayas", "--char", "a"]
