// The worker thread's entry. Loader hooks registered with `--import tsx` in the main thread do not reach
// worker threads on Node 20, so the worker registers tsx itself before loading the TypeScript modules.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
