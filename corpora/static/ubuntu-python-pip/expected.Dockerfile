FROM ubuntu:22.04 AS builder

RUN apt-get update \
 && apt-get install -y python3 python3-pip python3-dev gcc libpq-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/report
COPY requirements.txt .
RUN pip3 install --no-cache-dir -r requirements.txt
COPY report.py .

FROM ubuntu:22.04

RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-pip libpq-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/report
COPY --from=builder /usr/local /usr/local
COPY --from=builder /opt/report /opt/report

CMD ["python3", "report.py"]
