import { Router } from "express";

export const statusRouter = Router();

const services = [
  { name: "billing", up: true },
  { name: "search", up: false },
];

statusRouter.get("/", (_req, res) => {
  const down = services.filter((s) => !s.up).map((s) => s.name);
  res.json({ services, summary: down.length ? `degraded: ${down.join(", ")}` : "all green" });
});
