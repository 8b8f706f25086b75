const http = require("http");
const dayjs = require("dayjs");

const quotes = ["Simplicity is prerequisite for reliability.", "Make it work, make it right."];

http
  .createServer((req, res) => {
    if (req.url === "/quote") {
      const day = dayjs("2024-03-05").format("YYYY-MM-DD");
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ day, quote: quotes[0] }));
      return;
    }
    res.writeHead(404).end();
  })
  .listen(Number(process.env.PORT), process.env.HOST || "127.0.0.1");
