import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Reads that several loaders of one page make (the session's user, the group and the user's place in
 * it) asked once per request. Remix hands each loader its own copy of the Request, so the Request cannot
 * be the key: the server opens a scope around each GET and HEAD request (`runInRequestScope`), and the
 * loaders that run inside it share one answer per key.
 *
 * Only reads are shared, and only for requests that change nothing: a POST runs its action and then the
 * page's loaders in the same request, and they must see what the action wrote, so no scope is opened
 * for it. Nothing outlives the request; outside a scope (the WebSocket upgrade, tests, scripts) every
 * call reads afresh.
 *
 * The server (server/index.ts) and the Remix build each load this module, so the storage is one per
 * process on `globalThis` (CONVENTIONS: one of each per process).
 */
interface Scope {
  /** Shared reads by key (`oncePerRequest`). */
  answers: Map<string, Promise<unknown>>;
  /** Objects that live as long as the request (`perRequest`). */
  objects: Map<string, unknown>;
}

const KEY = Symbol.for("acuerdo.requestScope");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Scope> };
const storage: AsyncLocalStorage<Scope> = (holder[KEY] ??= new AsyncLocalStorage<Scope>());

/** Runs `work` (and everything it starts) in a fresh scope. */
export function runInRequestScope<T>(work: () => T): T {
  return storage.run({ answers: new Map(), objects: new Map() }, work);
}

/** Whether this code runs inside a request scope (a GET or HEAD request: it holds no transaction). */
export function inRequestScope(): boolean {
  return storage.getStore() !== undefined;
}

/** Whether a request of this method may share reads between its loaders (see above). */
export function sharesReads(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

/**
 * `load()` once per key and scope; later calls in the same scope get the same promise (a failure too:
 * the loaders of one request see one answer). Outside a scope, `load()` every time.
 */
export function oncePerRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return load();
  let answer = scope.answers.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = load();
    scope.answers.set(key, answer);
  }
  return answer;
}

/**
 * One object per key and request scope, made by `create` the first time it is asked; null outside a
 * scope (and so for requests that change something: see above).
 */
export function perRequest<T>(key: string, create: () => T): T | null {
  const scope = storage.getStore();
  if (!scope) return null;
  let object = scope.objects.get(key) as T | undefined;
  if (object === undefined) {
    object = create();
    scope.objects.set(key, object);
  }
  return object;
}
