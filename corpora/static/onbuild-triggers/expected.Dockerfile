FROM node:18 AS builder

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:18-slim

WORKDIR /app
COPY --from=builder /app /app

ONBUILD COPY config/ /app/config/
ONBUILD RUN node scripts/validate-config.js
CMD ["node", "dist/index.js"]
