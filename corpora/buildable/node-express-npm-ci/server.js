const express = require("express");

const app = express();
const items = [
  { sku: "A-100", name: "widget", stock: 12 },
  { sku: "B-200", name: "gadget", stock: 0 },
];

app.get("/health", (_req, res) => res.send("ok"));
app.get("/items", (_req, res) => res.json({ items }));

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "127.0.0.1";
app.listen(port, host, () => console.log(`inventory-api on ${host}:${port}`));
