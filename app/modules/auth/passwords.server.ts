import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the enum is a const enum, which isolated modules cannot import.
const ARGON2ID = 2;

// OWASP's first argon2id configuration: 19 MiB of memory, 2 iterations, 1 lane.
export const PASSWORD_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker or different parameters than today's, so sign-in rehashes it. */
export function needsRehash(stored: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return (
    m !== PASSWORD_PARAMS.memoryCost || t !== PASSWORD_PARAMS.timeCost || p !== PASSWORD_PARAMS.parallelism
  );
}

// Verifying against this keeps an unknown email as slow as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("acuerdo-timing-equaliser");
  await verifyPassword(await dummyHash, password);
  return false;
}
