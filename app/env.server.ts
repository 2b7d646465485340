import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // An empty PORT= means "not set", like the other variables; PORT=0 asks for a free port.
  PORT: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(0).max(65535).default(3000),
  ),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Diagnostics and benchmarks: run the embedded database on the main thread, as before issue 19. */
  PGLITE_IN_PROCESS: booleanFlag,
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_ORIGIN: z
    .url("must be a URL such as https://acuerdo.example.org")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TRUST_PROXY: booleanFlag,
  SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  /**
   * Stop when standard input closes: a test or benchmark that spawns the server keeps a pipe open, so
   * the server goes with it even when the parent is killed without a chance to clean up.
   */
  EXIT_WITH_STDIN: booleanFlag,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** How soon a vote's deadline may be (tests use a few seconds). */
  VOTE_MIN_LEAD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How soon the deadline of a silence procedure on one suggestion ("ask the group") may be. */
  SUGGESTION_VOTE_MIN_LEAD_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  /** How often the scheduler closes overdue votes and sends reminders. */
  VOTE_SCHEDULER_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** Largest collaboration frame accepted; a larger one closes the socket with 4413 before it is buffered whole. */
  COLLAB_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(64 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /** Most bytes of updates a paper's live document takes in (its stored state plus what arrives): 4413 after. */
  COLLAB_MAX_PAPER_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  /** Messages per second one collaboration socket may send on average (4429 after the burst is spent). */
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(200),
  COLLAB_MESSAGE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** `smtp://user:pass@host:587` or `smtps://…`: send mail over SMTP. Unset: mail is written to DATA_DIR/mail/. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The From of every mail, e.g. `Acuerdo <acuerdo@example.org>`. */
  MAIL_FROM: z
    .string()
    .regex(
      /^[^<>@]*(<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
      "must be an address such as Acuerdo <acuerdo@example.org>",
    )
    .default("Acuerdo <acuerdo@localhost>")
    .or(z.literal("").transform(() => "Acuerdo <acuerdo@localhost>")),
  /** How often each process's sender loop looks for mail to send and digests to assemble. */
  MAIL_SENDER_MS: z.coerce.number().int().min(50).max(3_600_000).default(5_000),
  /** How long a claimed message is left to its sender before another process may take it over. */
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** First retry delay after a temporary SMTP failure (4xx); doubles each time, at most an hour. */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /**
   * Test instruments, never for production: GET /__test/event-loop (the longest event-loop block since
   * the last call) and TEST_LOAD_DELAY_MS (a slow database when a paper is loaded).
   */
  ACUERDO_TEST_HOOKS: booleanFlag,
  TEST_LOAD_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string };

export class EnvError extends Error {}

/** Parses the environment once; the message names every variable that is wrong. */
export function parseEnv(source: NodeJS.ProcessEnv): z.infer<typeof envSchema> {
  const result = envSchema.safeParse(source);
  if (result.success && result.data.SMTP_URL && !source.MAIL_FROM)
    throw new EnvError(
      "Invalid configuration:\n  MAIL_FROM: must be set with SMTP_URL (the address mail is sent from)",
    );
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The session secret from SESSION_SECRET, or one generated once into DATA_DIR. */
export function resolveSessionSecret(parsed: z.infer<typeof envSchema>): string {
  if (parsed.SESSION_SECRET) return parsed.SESSION_SECRET;
  const file = path.join(parsed.DATA_DIR, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(parsed.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = parseEnv(source);
  return { ...parsed, SESSION_SECRET: resolveSessionSecret(parsed) };
}

// Loaded once by the server at start; the Remix bundle reads the same object.
const registry = globalThis as typeof globalThis & { __acuerdoEnv?: Env };

export function setEnv(env: Env): void {
  registry.__acuerdoEnv = env;
}

export function env(): Env {
  if (!registry.__acuerdoEnv)
    throw new Error("The environment has not been loaded (loadEnv runs at server start)");
  return registry.__acuerdoEnv;
}
