FROM node:18 AS builder

ARG NODE_ENV=production
ENV NODE_ENV=$NODE_ENV

RUN useradd -m -u 1500 quotes
WORKDIR /home/quotes/service
COPY --chown=quotes:quotes package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --chown=quotes:quotes app.js ./

USER quotes
ENV PORT=18104

FROM node:18-slim

ARG NODE_ENV=production
ENV NODE_ENV=$NODE_ENV

RUN useradd -m -u 1500 quotes
WORKDIR /home/quotes/service
COPY --from=builder /home/quotes/service /home/quotes/service

USER quotes
ENV PORT=18104
EXPOSE 18104
HEALTHCHECK --interval=20s CMD node -e "require('http').get('http://127.0.0.1:'+process.env.PORT+'/quote',r=>process.exit(r.statusCode===200?0:1))"
ENTRYPOINT ["node"]
CMD ["app.js"]
