FROM python:3.11 AS builder

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /usr/src/fastcount
COPY . .
RUN pip install --no-cache-dir .

FROM python:3.11-slim

COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /usr/src/fastcount

ENTRYPOINT ["fastcount"]
CMD ["bananas and papayas", "--char", "a"]
