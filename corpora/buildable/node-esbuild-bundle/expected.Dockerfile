FROM node:18 AS builder
WORKDIR /srv
COPY package.json package-lock.json ./
RUN npm ci
COPY src ./src
RUN npm run build
ENV PORT=18103
RUN npm prune --omit=dev

FROM node:18-slim
WORKDIR /srv
COPY --from=builder /srv /srv
ENV PORT=18103
EXPOSE 18103
CMD ["node", "dist/server.js"]
