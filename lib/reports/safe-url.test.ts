import { describe, expect, it } from "vitest";
import { safeLinkUrl } from "./safe-url";

describe("safeLinkUrl, the scheme allow-list of report links", () => {
  it.each([
    ["https://github.com/acme/shop/issues/7", "https://github.com/acme/shop/issues/7"],
    ["HTTPS://Jira.Example.com/browse/OPS-1", "https://jira.example.com/browse/OPS-1"],
    ["  http://gitlab.local/x/-/issues/2\n", "http://gitlab.local/x/-/issues/2"],
    ["mailto:oncall@example.com", "mailto:oncall@example.com"],
    ["/gamedays/abc/report", "/gamedays/abc/report"],
    ["/gamedays/abc/runs/r1?tab=metrics#charts", "/gamedays/abc/runs/r1?tab=metrics#charts"],
    ["https://x.example/a b)c", "https://x.example/a%20b)c"],
  ])("allows %j", (raw, expected) => {
    expect(safeLinkUrl(raw)).toBe(expected);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " \u0000javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://x.example/uuid",
    "//evil.example/path",
    "/\\evil.example/path",
    "\\\\evil.example\\share",
    "evil.example",
    "https://",
    "",
    null,
    undefined,
  ])("refuses %j", (raw) => {
    expect(safeLinkUrl(raw)).toBeNull();
  });
});
