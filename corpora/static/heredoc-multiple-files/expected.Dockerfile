# syntax=docker/dockerfile:1.4
FROM node:18 AS builder

WORKDIR /app
COPY package.json package-lock.json ./
RUN <<INSTALL <<BUILD
npm ci
INSTALL
npm run build
BUILD
RUN python3 <<PY
import json
meta = {"built": True}
open("/app/build-info.json", "w").write(json.dumps(meta))
PY

FROM node:18-slim

WORKDIR /app
COPY --from=builder /app /app
CMD ["node", "dist/server.js"]
