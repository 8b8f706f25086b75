FROM node:18 AS builder
WORKDIR /app
COPY package.json .
RUN npm install --omit=dev

FROM node:18-slim
WORKDIR /app
COPY --from=builder /app/node_modules ./node_modules
COPY package.json .
COPY index.js .
COPY lib/ lib/
ENTRYPOINT ["node", "index.js"]
