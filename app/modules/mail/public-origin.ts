// The origin links in mail start with: APP_ORIGIN, or the address the server listens on (set at start).
// A globalThis registry, because the server and the Remix bundle each load this module.
const registry = globalThis as typeof globalThis & { __acuerdoPublicOrigin?: string };

export function setPublicOrigin(origin: string): void {
  registry.__acuerdoPublicOrigin = origin.replace(/\/+$/, "");
}

export function publicOrigin(): string {
  return registry.__acuerdoPublicOrigin ?? "http://localhost:3000";
}
