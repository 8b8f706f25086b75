FROM node:18 AS builder

WORKDIR /home/board/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:18-slim

RUN useradd --create-home --shell /usr/sbin/nologin board
WORKDIR /home/board/app

COPY --from=builder --chown=board /home/board/app/package.json ./
COPY --from=builder --chown=board /home/board/app/node_modules ./node_modules
COPY --from=builder --chown=board /home/board/app/build ./build

USER board
ENV PORT=18102
EXPOSE 18102
CMD ["npm", "start"]
