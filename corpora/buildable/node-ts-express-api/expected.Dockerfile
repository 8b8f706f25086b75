FROM node:18 AS builder

RUN useradd --create-home --shell /usr/sbin/nologin board
WORKDIR /home/board/app

COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && chown -R board /home/board/app

USER board
ENV PORT=18102
RUN npm prune --omit=dev

FROM node:18-slim

RUN useradd --create-home --shell /usr/sbin/nologin board
WORKDIR /home/board/app

COPY --from=builder /home/board/app /home/board/app
RUN chown -R board /home/board/app

USER board
ENV PORT=18102
EXPOSE 18102
CMD ["npm", "start"]
