FROM node:18 AS builder
RUN corepack enable && corepack prepare pnpm@8.15.8 --activate
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build && pnpm prune --prod

FROM node:18-slim
RUN corepack enable && corepack prepare pnpm@8.15.8 --activate
WORKDIR /app
COPY --from=builder /app /app
EXPOSE 4000
CMD ["node", "build/server.js"]
