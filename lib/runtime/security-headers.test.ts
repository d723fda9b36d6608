import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, THEME_SCRIPT_HASH } from "./security-headers";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe("security headers", () => {
  it("allow the layout's inline theme script by its hash (recomputed from app/layout.tsx)", () => {
    const layout = fs.readFileSync(path.resolve("app/layout.tsx"), "utf8");
    const script = /const themeScript = `([^`]*)`;/.exec(layout)?.[1];
    expect(script).toBeDefined();
    expect(`sha256-${crypto.createHash("sha256").update(script!).digest("base64")}`).toBe(THEME_SCRIPT_HASH);
  });

  it("run only nonce'd scripts in production, and eval only in development", () => {
    const prod = directives(contentSecurityPolicy("abc123==", { dev: false }));
    expect(prod.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", `'${THEME_SCRIPT_HASH}'`]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
    expect(prod.get("object-src")).toEqual(["'none'"]);
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    expect(prod.get("base-uri")).toEqual(["'self'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
    expect(prod.get("connect-src")).toEqual(["'self'"]);
    expect(prod.get("img-src")).toEqual(["'self'", "data:"]);
    expect([...prod.values()].flat()).not.toContain("'unsafe-eval'");
    expect(prod.get("script-src")).not.toContain("'unsafe-inline'");
    expect(directives(contentSecurityPolicy("n", { dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("carry the rest of the set, HSTS only behind an https public URL", () => {
    const h = securityHeaders({ nonce: "n", dev: false, https: false });
    expect(h).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin", "Cross-Origin-Opener-Policy": "same-origin" });
    expect(h["Permissions-Policy"]).toContain("camera=()");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", dev: false, https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
  });
});
