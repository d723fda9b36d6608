import "server-only";
import bcrypt from "bcryptjs";

// bcrypt with cost 12: slow enough to resist offline guessing, fast enough for sign-in.
const COST = 12;

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

/** Compares a password with a stored hash in constant time. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one real comparison, for unknown accounts (no timing oracle). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= bcrypt.hash("firedrill-timing-equaliser", COST);
  await bcrypt.compare(password, await dummyHash);
}
