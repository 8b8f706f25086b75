FROM node:18 AS builder
WORKDIR /srv
COPY package.json package-lock.json ./
RUN npm ci
COPY src ./src
RUN npm run build

FROM node:18-slim
WORKDIR /srv
COPY --from=builder /srv/dist ./dist
ENV PORT=18103
EXPOSE 18103
CMD ["node", "dist/server.js"]
