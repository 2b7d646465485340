// Reads shared by the loaders of one request (app/http/request-scope.server.ts).
import { describe, expect, it } from "vitest";
import { oncePerRequest, runInRequestScope, sharesReads } from "~/http/request-scope.server";

function counter() {
  let calls = 0;
  return {
    load: () => Promise.resolve(++calls),
    get calls() {
      return calls;
    },
  };
}

describe("oncePerRequest", () => {
  it("loads once per key within a scope, also for calls that start before the first answers", async () => {
    const user = counter();
    const group = counter();
    await runInRequestScope(async () => {
      const [a, b] = await Promise.all([
        oncePerRequest("user", user.load),
        oncePerRequest("user", user.load),
      ]);
      // Later, after other awaits, as a nested loader would ask.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const c = await oncePerRequest("user", user.load);
      expect([a, b, c]).toEqual([1, 1, 1]);
      expect(await oncePerRequest("group", group.load)).toBe(1);
    });
    expect(user.calls).toBe(1);
    expect(group.calls).toBe(1);
  });

  it("loads afresh in each scope, and every time outside one", async () => {
    const user = counter();
    expect(await runInRequestScope(() => oncePerRequest("user", user.load))).toBe(1);
    expect(await runInRequestScope(() => oncePerRequest("user", user.load))).toBe(2);
    expect(await oncePerRequest("user", user.load)).toBe(3);
    expect(await oncePerRequest("user", user.load)).toBe(4);
  });

  it("keeps concurrent scopes apart", async () => {
    const seen: string[] = [];
    await Promise.all(
      ["ana", "ben"].map((who) =>
        runInRequestScope(async () => {
          await new Promise((resolve) => setTimeout(resolve, who === "ana" ? 5 : 0));
          seen.push(await oncePerRequest("user", () => Promise.resolve(who)));
        }),
      ),
    );
    expect(seen.sort()).toEqual(["ana", "ben"]);
  });

  it("gives every loader of a request the same failure", async () => {
    let calls = 0;
    const failing = () => Promise.reject(new Error(`database down (${++calls})`));
    await runInRequestScope(async () => {
      await expect(oncePerRequest("user", failing)).rejects.toThrow("database down (1)");
      await expect(oncePerRequest("user", failing)).rejects.toThrow("database down (1)");
    });
    // The next request asks again.
    await expect(runInRequestScope(() => oncePerRequest("user", failing))).rejects.toThrow(
      "database down (2)",
    );
  });
});

describe("sharesReads", () => {
  it("shares only for requests that change nothing", () => {
    expect(sharesReads("GET")).toBe(true);
    expect(sharesReads("HEAD")).toBe(true);
    // A POST's loaders run after its action and must see what it wrote.
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(sharesReads(method)).toBe(false);
  });
});
