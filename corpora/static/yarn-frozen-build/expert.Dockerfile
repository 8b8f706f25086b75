FROM node:18 AS builder

WORKDIR /usr/src/web
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build && yarn install --frozen-lockfile --production --ignore-scripts

FROM node:18-slim

WORKDIR /usr/src/web
COPY --from=builder /usr/src/web/package.json ./
COPY --from=builder /usr/src/web/node_modules ./node_modules
COPY --from=builder /usr/src/web/.next ./.next
COPY --from=builder /usr/src/web/public ./public

ENV NODE_ENV=production
EXPOSE 3000
CMD ["yarn", "start"]
