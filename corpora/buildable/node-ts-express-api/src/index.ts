import express from "express";
import { statusRouter } from "./routes/status";

const app = express();
app.use("/status", statusRouter);

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";
app.listen(port, host, () => console.log(`status-board listening on ${host}:${port}`));
