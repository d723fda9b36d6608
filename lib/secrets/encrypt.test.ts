import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./encrypt";

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("secrets at rest", () => {
  afterEach(() => {
    delete process.env.FIREDRILL_SECRET_KEY;
  });

  it("round-trips and never stores the plain text", () => {
    process.env.FIREDRILL_SECRET_KEY = KEY;
    const stored = encryptSecret("token-123");
    expect(stored).not.toContain("token-123");
    expect(stored).not.toBe(encryptSecret("token-123")); // random IV
    expect(decryptSecret(stored)).toBe("token-123");
  });

  it("refuses a missing or malformed key with a clear message", () => {
    expect(() => encryptSecret("x")).toThrow(/FIREDRILL_SECRET_KEY is not set/);
    process.env.FIREDRILL_SECRET_KEY = "short";
    expect(() => encryptSecret("x")).toThrow(/exactly 32 bytes/);
  });

  it("detects a different key or tampering", () => {
    process.env.FIREDRILL_SECRET_KEY = KEY;
    const stored = encryptSecret("secret");
    const parts = stored.split(":");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => decryptSecret(parts.join(":"))).toThrow(/could not be decrypted/);
    process.env.FIREDRILL_SECRET_KEY = Buffer.alloc(32, 9).toString("base64");
    expect(() => decryptSecret(stored)).toThrow(/could not be decrypted/);
  });
});
