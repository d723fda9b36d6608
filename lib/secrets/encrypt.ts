import "server-only";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";

/**
 * Secrets at rest (kubeconfigs, tracker tokens, Prometheus credentials):
 * AES-256-GCM with a 32-byte key from FIREDRILL_SECRET_KEY (base64 or hex).
 * Stored form: "v1:<iv b64>:<tag b64>:<ciphertext b64>". Decrypted values
 * never leave the server.
 */
const VERSION = "v1";

function key(): Buffer {
  const raw = process.env.FIREDRILL_SECRET_KEY?.trim();
  if (!raw) {
    throw new AppError({
      code: "DEPENDENCY_FAILED",
      message: "FIREDRILL_SECRET_KEY is not set, so secrets cannot be stored or read. Set it to 32 random bytes (base64), e.g. `openssl rand -base64 32`.",
    });
  }
  const buf = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (buf.length !== 32) {
    throw new AppError({ code: "DEPENDENCY_FAILED", message: "FIREDRILL_SECRET_KEY must decode to exactly 32 bytes (base64 or 64 hex characters)." });
  }
  return buf;
}

/** Encrypts a secret for storage. */
export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

/** Decrypts a stored secret; a wrong key or tampered value is an error, never garbage. */
export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) {
    throw new AppError({ code: "INTERNAL", message: "A stored secret is in an unknown format." });
  }
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new AppError({ code: "DEPENDENCY_FAILED", message: "A stored secret could not be decrypted: FIREDRILL_SECRET_KEY differs from the key it was stored with.", cause: error });
  }
}
