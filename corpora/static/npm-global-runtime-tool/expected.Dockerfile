FROM node:18 AS builder

RUN npm install -g pm2@5.3.1
WORKDIR /home/node/app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:18-slim

RUN npm install -g pm2@5.3.1
WORKDIR /home/node/app
COPY --from=builder /home/node/app /home/node/app

EXPOSE 3000
CMD ["pm2-runtime", "ecosystem.config.js"]
