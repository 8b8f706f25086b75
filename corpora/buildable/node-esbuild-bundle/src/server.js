const http = require("http");
const ms = require("ms");

const started = Date.now();
const server = http.createServer((req, res) => {
  if (req.url === "/uptime") {
    res.end(`up for ${ms(Date.now() - started + 60000, { long: true })}\n`);
    return;
  }
  res.statusCode = 404;
  res.end("not found\n");
});

server.listen(Number(process.env.PORT), process.env.HOST || "127.0.0.1");
