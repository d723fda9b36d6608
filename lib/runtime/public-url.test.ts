import { describe, expect, it } from "vitest";
import { publicLink, publicUrl } from "./public-url";

const env = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

describe("publicUrl, the only base of absolute Firedrill links", () => {
  it("is FIREDRILL_PUBLIC_URL, else NEXTAUTH_URL, without trailing slashes, keeping a base path", () => {
    expect(publicUrl(env({ FIREDRILL_PUBLIC_URL: "https://firedrill.example.com/", NEXTAUTH_URL: "https://other.example" }))).toBe("https://firedrill.example.com");
    expect(publicUrl(env({ NEXTAUTH_URL: "https://ops.example.com/firedrill//" }))).toBe("https://ops.example.com/firedrill");
    expect(publicLink("/share/abc", env({ FIREDRILL_PUBLIC_URL: "http://10.0.0.5:3000" }))).toBe("http://10.0.0.5:3000/share/abc");
  });

  it("is null when nothing (or nothing usable) is configured: no link rather than a guessed one", () => {
    expect(publicUrl(env({}))).toBeNull();
    expect(publicUrl(env({ FIREDRILL_PUBLIC_URL: "  " }))).toBeNull();
    expect(publicUrl(env({ FIREDRILL_PUBLIC_URL: "javascript:alert(1)" }))).toBeNull();
    expect(publicUrl(env({ FIREDRILL_PUBLIC_URL: "firedrill.example.com" }))).toBeNull();
    expect(publicUrl(env({ FIREDRILL_PUBLIC_URL: "https://user:pw@firedrill.example.com" }))).toBeNull();
    expect(publicLink("/gamedays/x", env({}))).toBeNull();
  });
});
