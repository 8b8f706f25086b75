FROM node:18 AS builder

WORKDIR /usr/src/app

COPY package.json package-lock.json ./
RUN npm ci

COPY . .

ENV NODE_ENV=production PORT=18101
RUN npm prune --omit=dev

FROM node:18-slim

WORKDIR /usr/src/app

COPY --from=builder /usr/src/app /usr/src/app

ENV NODE_ENV=production PORT=18101
EXPOSE 18101
CMD ["npm", "start"]
