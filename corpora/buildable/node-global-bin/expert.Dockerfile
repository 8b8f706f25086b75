FROM node:18 AS builder

WORKDIR /opt/slugger
COPY . .
RUN npm pack && npm install -g --prefix /opt/global ./slugger-1.0.3.tgz

FROM node:18-slim

COPY --from=builder /opt/global /usr/local

CMD ["slugger", "Multi Stage Builds, Explained!"]
