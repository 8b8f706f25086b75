FROM node:18 AS builder
WORKDIR /app
COPY package.json .
RUN npm install
COPY index.js .
COPY lib/ lib/
RUN npm prune --omit=dev

FROM node:18-slim
WORKDIR /app
COPY --from=builder /app /app
ENTRYPOINT ["node", "index.js"]
