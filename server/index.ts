import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, loadEnv, setEnv } from "../app/env.server";
import { openDatabase } from "../app/db.server";
import { applyMigrations } from "../app/migrate.server";
import { seedDemoIfEmpty } from "../prisma/seed";
import { runInRequestScope, sharesReads } from "../app/http/request-scope.server";
import { log } from "./log";
import { healthz, readyz } from "./health";
import { requestLog } from "./request-log";
import { eventLoopProbe } from "./test-hooks";
import { createRedisFanout, type Fanout } from "./collab/fanout";
import { emitRelayedPaperEvent, setPaperEventRelay } from "../app/modules/papers/paper-events";
import { refuseCrossOrigin, securityHeaders } from "./security";
import { requestGuard } from "./request-guard";
import { applyRelayedAccessChange, onAccessChange, setAccessRelay } from "../app/modules/auth/access-events";
import { createUpgradeRouter } from "./collab/upgrade";
import { createCollab } from "./collab/index";
import { startVoteScheduler } from "../app/modules/votes/scheduler.server";
import { startMailSender } from "../app/modules/mail/sender.server";
import { setPublicOrigin } from "../app/modules/mail/public-origin";
import { startSearchIndexing } from "./search-indexing";
import { registerDocxConverter } from "../app/modules/word/docx-converter";
import { forgetUnrunDevelopmentBuilds } from "./module-cache";
import { createDocxConverter } from "./word/converter";
import { memoizeRemixRoutes } from "./remix-route-memo";

/**
 * The project's directory: the nearest one above this module that holds package.json. This module runs
 * from server/ (the sources, `npm run dev`) or from build/node/ (the built server, `npm start`).
 */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

const root = projectRoot();

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  setEnv(env);

  const database = await openDatabase(env);
  const applied = await applyMigrations(database.raw);
  if (applied.length) log.info({ applied }, "migrations applied");
  if (env.SEED_DEMO === "auto") {
    const seeded = await seedDemoIfEmpty(database.prisma);
    if (seeded) log.info("demo study group seeded");
  }

  // Remix matches routes several times a page, recompiling the route table each time (12 % of a page),
  // and builds the render's route table anew for each page (3 %).
  memoizeRemixRoutes();
  const buildPath = path.join(root, "build/server/index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  // The app's imports of React read React's development builds too, and kept them (2 MB of heap).
  if (env.NODE_ENV === "production") forgetUnrunDevelopmentBuilds();

  // Word imports convert in worker threads, off the thread that serves requests.
  registerDocxConverter(createDocxConverter());

  const fanout: Fanout | null = env.REDIS_URL ? await createRedisFanout(env.REDIS_URL) : null;

  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY) app.set("trust proxy", true);
  // Event streams must reach the browser as they are written, not when a compression buffer fills.
  app.use(
    compression({
      filter: (req, res) =>
        !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") &&
        compression.filter(req, res),
    }),
  );
  app.use(securityHeaders);
  app.get("/healthz", settled(healthz(database)));
  app.get("/readyz", settled(readyz(database, fanout)));
  if (env.ACUERDO_TEST_HOOKS) {
    log.warn("ACUERDO_TEST_HOOKS is set: test instruments are on; never use this in production");
    app.get("/__test/event-loop", eventLoopProbe());
  }
  app.use(requestLog);
  app.use(requestGuard());
  app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
  // Pages never touch the disk: public/ is looked in only for the names it held at start (a stat per
  // request was 1.5 % of a page's CPU).
  const publicDir = path.join(root, "public");
  const publicNames = new Set(readdirSync(publicDir).filter((name) => name !== "build"));
  const servePublic = express.static(publicDir, { maxAge: "1h" });
  app.use((req, res, next) => {
    if (publicNames.has(req.path.split("/")[1] ?? "")) servePublic(req, res, next);
    else next();
  });
  const crossOriginGuard = refuseCrossOrigin(env.APP_ORIGIN);
  // RFC 8058: a mail client's one-click unsubscribe POST carries no Origin; its signed token is the proof.
  app.use((req, res, next) => (req.path === "/unsubscribe" ? next() : crossOriginGuard(req, res, next)));
  const remix = createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => ({ nonce: String(res.locals.nonce), clientIp: req.ip ?? "unknown" }),
  });
  // A page's loaders share the reads they all make (the user, the group) within one GET or HEAD.
  app.all(
    "*",
    settled((req, res, next) =>
      sharesReads(req.method) ? runInRequestScope(() => remix(req, res, next)) : remix(req, res, next),
    ),
  );

  const scheduler = startVoteScheduler((error) =>
    log.error({ err: error }, "vote scheduler failed; retrying"),
  );
  const server = createServer(app);
  const collab = createCollab({
    fanout,
    limits: {
      maxFrameBytes: env.COLLAB_MAX_FRAME_BYTES,
      maxPaperBytes: env.COLLAB_MAX_PAPER_BYTES,
      messagesPerSecond: env.COLLAB_MESSAGES_PER_SECOND,
      messageBurst: env.COLLAB_MESSAGE_BURST,
    },
    loadDelayMs: env.ACUERDO_TEST_HOOKS ? env.TEST_LOAD_DELAY_MS : 0,
    expectedOrigin: (req) =>
      env.APP_ORIGIN ??
      `${env.TRUST_PROXY && req.headers["x-forwarded-proto"] === "https" ? "https" : "http"}://${req.headers.host}`,
  });
  server.on(
    "upgrade",
    createUpgradeRouter({
      collab: (req, socket, head, paperId) => collab.handleUpgrade(req, socket, head, paperId),
    }),
  );
  // Search rows follow each paper's written updates (issue 21): a listener, nothing inside collab changes.
  const searchIndexing = startSearchIndexing(collab.registry.writer);
  onAccessChange((change) => collab.registry.accessChanged(change));
  if (fanout) {
    // Sign-outs and membership changes reach the sockets of every process.
    setAccessRelay((change) => fanout.publishAccess(change));
    fanout.onAccess((change) => applyRelayedAccessChange(change));
    // Page events (status, comments, votes) reach the pages and sockets of every process.
    setPaperEventRelay((event) => fanout.publishEvent(event));
    fanout.onEvent((event) => {
      emitRelayedPaperEvent(event);
      if (event.type === "status") collab.registry.statusChanged(event.paperId, event.status);
      if (event.type === "drafting") collab.registry.draftingChanged(event.paperId, event.mode);
    });
  }
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  setPublicOrigin(env.APP_ORIGIN ?? `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`);
  // Logs left long (by an earlier version, a crash, a shutdown) are folded before anyone opens them.
  void collab.registry
    .foldLongLogs()
    .catch((error: unknown) =>
      log.error({ err: error }, "folding long update logs failed; they stay intact"),
    );
  const mailSender = startMailSender((error) => log.error({ err: error }, "mail sender failed; retrying"));
  log.info(
    { port, database: database.raw.kind, redis: Boolean(fanout) },
    `Acuerdo is listening on http://localhost:${port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await collab.close();
    await searchIndexing.stop();
    await scheduler.stop();
    await mailSender.stop();
    await closed;
    await fanout?.close();
    await database.close();
    process.exit(0);
  };
  // A rejected promise nobody awaited is a bug to fix, not a reason to drop every other room.
  process.on("unhandledRejection", (error) => log.error({ err: error }, "unhandled promise rejection"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  if (env.EXIT_WITH_STDIN) {
    const parentGone = () => {
      // Whoever read our output went with the pipe: a log line written to a dead pipe would block the
      // shutdown, so nothing more is written.
      log.level = "silent";
      void stop("stdin closed");
    };
    process.stdin.on("end", parentGone);
    process.stdin.on("error", parentGone);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "Acuerdo could not start");
  process.exit(1);
});

/** Express 4 ignores the promise an async handler returns: hand a rejection to the error handler. */
function settled(
  handler: (req: express.Request, res: express.Response, next: express.NextFunction) => Promise<void>,
): express.RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}
