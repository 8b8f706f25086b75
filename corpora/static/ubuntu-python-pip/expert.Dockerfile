FROM ubuntu:22.04 AS builder

RUN apt-get update \
 && apt-get install -y python3 python3-pip python3-dev python3-venv gcc libpq-dev \
 && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip3 install --no-cache-dir -r requirements.txt

FROM ubuntu:22.04

RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 libpq5 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /opt/report
COPY report.py .

CMD ["python3", "report.py"]
