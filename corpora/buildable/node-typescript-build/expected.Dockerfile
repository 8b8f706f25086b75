FROM node:18 AS builder

WORKDIR /opt/unit-convert
COPY package*.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:18-slim

WORKDIR /opt/unit-convert
COPY --from=builder /opt/unit-convert /opt/unit-convert

CMD ["node", "dist/main.js", "42", "km", "mi"]
