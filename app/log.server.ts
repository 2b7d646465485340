import { pino, type Logger } from "pino";

// Structured JSON logs, one logger per process: the server and the Remix build may each load this
// module, so the instance lives on globalThis. Never log document content, comment bodies or passwords.
const global = globalThis as typeof globalThis & { __acuerdoLog?: Logger };

export const log: Logger = (global.__acuerdoLog ??= pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "acuerdo" },
  redact: { paths: ["password", "*.password", "headers.cookie", "*.headers.cookie"], remove: true },
}));
