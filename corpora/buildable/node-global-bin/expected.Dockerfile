FROM node:18 AS builder

WORKDIR /opt/slugger
COPY . .
RUN npm install --omit=dev && npm install -g .

FROM node:18-slim

WORKDIR /opt/slugger
COPY --from=builder /opt/slugger /opt/slugger
RUN npm install -g .

CMD ["slugger", "Multi Stage Builds, Explained!"]
