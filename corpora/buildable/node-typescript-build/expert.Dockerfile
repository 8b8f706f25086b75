FROM node:18 AS builder

WORKDIR /opt/unit-convert
COPY package*.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:18-slim

WORKDIR /opt/unit-convert
COPY --from=builder /opt/unit-convert/package.json ./
COPY --from=builder /opt/unit-convert/dist ./dist

CMD ["node", "dist/main.js", "42", "km", "mi"]
