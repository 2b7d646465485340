import { pino } from "pino";

// Structured JSON logs. Never log document content, comment bodies or passwords.
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "acuerdo" },
  redact: { paths: ["password", "*.password", "headers.cookie", "*.headers.cookie"], remove: true },
});
