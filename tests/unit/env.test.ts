import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/env.server";

/** An environment holding only `vars` (the Remix types would otherwise insist on NODE_ENV). */
const only = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

/** The error parseEnv throws for an environment of `vars`; fails the test when it does not throw. */
function envErrorFor(vars: Record<string, string>): EnvError {
  try {
    parseEnv(only(vars));
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(vars)}`);
}

describe("configuration from the environment", () => {
  it("runs with no configuration at all: port 3000, data under ./data, embedded database", () => {
    const env = parseEnv(only({}));
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      NODE_ENV: "production",
      SEED_DEMO: "auto",
      LOG_LEVEL: "info",
      TRUST_PROXY: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SESSION_SECRET).toBeUndefined();
    expect(env.APP_ORIGIN).toBeUndefined();
  });

  it("reads a port given as text", () => {
    expect(parseEnv(only({ PORT: "8080" })).PORT).toBe(8080);
  });

  it("lets tests ask for any free port with PORT=0", () => {
    expect(parseEnv(only({ PORT: "0" })).PORT).toBe(0);
  });

  // An empty variable means "not set" here (DATABASE_URL, REDIS_URL, APP_ORIGIN, TRUST_PROXY); `PORT=` in
  // an .env file or an unset ${PORT} in compose must not start the server on a random port instead.
  it("treats an empty PORT as not set: port 3000", () => {
    expect(parseEnv(only({ PORT: "" })).PORT).toBe(3000);
    expect(parseEnv(only({ PORT: " " })).PORT).toBe(3000);
  });

  it.each(["abc", "3000.5", "-1", "65536"])("refuses PORT=%s and names PORT", (port) => {
    expect(envErrorFor({ PORT: port }).message).toMatch(/^\s*PORT:/m);
  });

  it("refuses a MySQL address and names DATABASE_URL", () => {
    const error = envErrorFor({ DATABASE_URL: "mysql://x" });
    expect(error.message).toMatch(/^\s*DATABASE_URL:/m);
    expect(error.message).toContain("postgres://");
  });

  it.each(["postgres://acuerdo@db/acuerdo", "postgresql://acuerdo:secret@db:5432/acuerdo"])(
    "accepts DATABASE_URL=%s",
    (url) => {
      expect(parseEnv(only({ DATABASE_URL: url })).DATABASE_URL).toBe(url);
    },
  );

  it("treats an empty DATABASE_URL as not set, so the embedded database is used", () => {
    expect(parseEnv(only({ DATABASE_URL: "" })).DATABASE_URL).toBeUndefined();
  });

  it("treats an empty REDIS_URL or APP_ORIGIN as not set", () => {
    const env = parseEnv(only({ REDIS_URL: "", APP_ORIGIN: "" }));
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.APP_ORIGIN).toBeUndefined();
  });

  it("refuses a session secret shorter than 32 characters and names SESSION_SECRET", () => {
    const error = envErrorFor({ SESSION_SECRET: "s".repeat(31) });
    expect(error.message).toMatch(/^\s*SESSION_SECRET:/m);
    expect(error.message).toContain("32");
  });

  it("accepts a session secret of 32 characters", () => {
    expect(parseEnv(only({ SESSION_SECRET: "s".repeat(32) })).SESSION_SECRET).toBe("s".repeat(32));
  });

  it("names every wrong variable at once", () => {
    const message = envErrorFor({ PORT: "abc", DATABASE_URL: "mysql://x", SESSION_SECRET: "short" }).message;
    for (const name of ["PORT", "DATABASE_URL", "SESSION_SECRET"])
      expect(message).toMatch(new RegExp(`^\\s*${name}:`, "m"));
  });

  it("does not name variables that are fine", () => {
    const message = envErrorFor({ PORT: "abc", DATA_DIR: "/var/lib/acuerdo" }).message;
    expect(message).not.toContain("DATA_DIR");
  });

  it.each([
    ["1", true],
    ["true", true],
    ["0", false],
    ["false", false],
    ["", false],
  ])("reads TRUST_PROXY=%j as %s", (value, expected) => {
    expect(parseEnv(only({ TRUST_PROXY: value })).TRUST_PROXY).toBe(expected);
  });

  it("refuses a TRUST_PROXY it cannot read rather than guessing", () => {
    expect(envErrorFor({ TRUST_PROXY: "yes" }).message).toMatch(/^\s*TRUST_PROXY:/m);
  });

  it("refuses an APP_ORIGIN that is not a URL", () => {
    expect(envErrorFor({ APP_ORIGIN: "acuerdo.example.org" }).message).toMatch(/^\s*APP_ORIGIN:/m);
  });
});
