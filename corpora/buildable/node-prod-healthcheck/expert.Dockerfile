FROM node:18 AS builder

WORKDIR /home/quotes/service
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:18-slim

ARG NODE_ENV=production
ENV NODE_ENV=$NODE_ENV

RUN useradd -m -u 1500 quotes
WORKDIR /home/quotes/service
COPY --chown=quotes:quotes package.json package-lock.json ./
COPY --from=builder --chown=quotes:quotes /home/quotes/service/node_modules ./node_modules
COPY --chown=quotes:quotes app.js ./

USER quotes
ENV PORT=18104
EXPOSE 18104
HEALTHCHECK --interval=20s CMD node -e "require('http').get('http://127.0.0.1:'+process.env.PORT+'/quote',r=>process.exit(r.statusCode===200?0:1))"
ENTRYPOINT ["node"]
CMD ["app.js"]
