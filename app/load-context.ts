declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this response: Remix's inline scripts carry it. */
    nonce: string;
    /** The client's address (behind TRUST_PROXY, from X-Forwarded-For). */
    clientIp: string;
  }
}
export {};

// Single fetch: loader and action return types are inferred for `data()` and naked objects.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
