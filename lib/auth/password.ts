import "server-only";
import crypto from "node:crypto";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";

// scrypt runs natively on libuv's thread pool, so hashing never holds the
// event loop that also drives the run engine's deadlines and abort checks
// (bcryptjs is pure JavaScript on that loop). Parameters: OWASP's scrypt
// equivalent of N=2^17 at a third of the memory (N=2^15, r=8, p=3).
const N = 2 ** 15;
const R = 8;
const P = 3;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** Hashes a password for storage: `scrypt$N$r$p$<salt>$<key>` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEM });
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash is from before scrypt (bcrypt): it is replaced at the next successful sign-in. */
export function isLegacyHash(hash: string): boolean {
  return hash.startsWith("$2");
}

/** Compares a password with a stored hash in constant time (scrypt; bcrypt for hashes from before). */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (isLegacyHash(hash)) return bcrypt.compare(password, hash);
  const [kind, n, r, p, salt, key] = hash.split("$");
  if (kind !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const got = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEM });
  return got.length === expected.length && crypto.timingSafeEqual(got, expected);
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one real comparison, for unknown accounts (no timing oracle). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("firedrill-timing-equaliser");
  await verifyPassword(password, await dummyHash);
}
