import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "~/modules/auth/passwords.server";

describe("passwords", () => {
  it("stores an argon2id hash with 19 MiB, 2 passes and 1 lane", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
  });

  it("salts every hash, so the same password never hashes the same twice", async () => {
    expect(await hashPassword("correct horse battery")).not.toBe(await hashPassword("correct horse battery"));
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery ")).toBe(false);
    expect(await verifyPassword(stored, "Correct horse battery")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("handles passwords outside ASCII", async () => {
    const stored = await hashPassword("contraseña-segura-ñandú");
    expect(await verifyPassword(stored, "contraseña-segura-ñandú")).toBe(true);
    expect(await verifyPassword(stored, "contrasena-segura-nandu")).toBe(false);
  });

  it.each([
    "",
    "garbage",
    "$argon2id$v=19$m=19456,t=2,p=1$",
    "$2b$10$abcdefghijklmnopqrstuu5Yh0mX0b6S7kq8mXbS1Yx9QWfE8Ge",
    "null",
  ])("says no, without throwing, when the stored hash is %j", async (stored) => {
    expect(await verifyPassword(stored, "correct horse battery")).toBe(false);
  });

  it("does not ask to rehash a hash made today", async () => {
    expect(needsRehash(await hashPassword("correct horse battery"))).toBe(false);
  });

  it.each([
    [
      "weaker memory",
      "$argon2id$v=19$m=4096,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    ],
    [
      "fewer passes",
      "$argon2id$v=19$m=19456,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    ],
    [
      "more lanes",
      "$argon2id$v=19$m=19456,t=2,p=4$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    ],
    [
      "argon2i",
      "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    ],
    [
      "an older argon2 version",
      "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
    ],
    ["bcrypt", "$2b$10$abcdefghijklmnopqrstuu5Yh0mX0b6S7kq8mXbS1Yx9QWfE8Ge"],
    ["not a hash at all", "garbage"],
  ])("asks to rehash a hash with %s", (_label, stored) => {
    expect(needsRehash(stored)).toBe(true);
  });
});
