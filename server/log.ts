// The process's one JSON logger, shared with the Remix build (app/log.server.ts).
export { log } from "../app/log.server";
