import argon2 from "argon2";

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1) is the floor; we take more memory.
const OPTIONS = { type: argon2.argon2id, memoryCost: 64 * 1024, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

// Verifying against this when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("region-pulse-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}

export const PASSWORD_MIN_LENGTH = 10;
