FROM node:18 AS builder

WORKDIR /usr/src/web
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build

ENV NODE_ENV=production
RUN yarn install --production --frozen-lockfile --ignore-scripts

FROM node:18-slim

WORKDIR /usr/src/web
COPY --from=builder /usr/src/web /usr/src/web

ENV NODE_ENV=production
EXPOSE 3000
CMD ["yarn", "start"]
