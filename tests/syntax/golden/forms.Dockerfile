FROM node:18
CMD ["node", "server.js"]
ENTRYPOINT ["/bin/sh", "-c"] trailing text after the array is ignored
RUN [ "npm", "ci"
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ['single', 'quotes', 'are', 'not', 'JSON']
COPY ["package.json", "package-lock.json", "./"]
VOLUME /data /logs
EXPOSE 3000/tcp 9229
HEALTHCHECK NONE
LABEL org.opencontainers.image.title="demo" version=1
