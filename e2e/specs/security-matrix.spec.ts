// The authorization matrix, over HTTP against the production build: every
// server action and every route, called as anonymous, a member of another
// team, a viewer, a participant, a facilitator and an admin. A caller below
// the action's role gets FORBIDDEN (anonymous: UNAUTHENTICATED) and the
// database is unchanged; another team's member is refused team A's objects
// and writes nothing; callers with the role get through. The lists are checked
// against the build's manifests and the sources, so a new action or route
// without its row fails here. Soft assertions: one run lists every failing cell.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACTION_MATRIX, type Needed } from "../security/action-matrix";
import { ROUTE_MATRIX } from "../security/route-matrix";
import { changedTables, fingerprint } from "../security/db-fingerprint";
import { loadActionManifest, loadRouteManifest } from "../security/http";
import { CALLERS, type CallerName, type World, securityWorld } from "../security/world";

const RANK: Record<Needed, number> = { anyone: -1, view: 0, contribute: 1, facilitate: 2, administer: 3 };
const ROLE_RANK: Record<Exclude<CallerName, "anonymous" | "other-team">, number> = { viewer: 0, participant: 1, facilitator: 2, admin: 3 };

/** Server actions declared in the sources: the exports of every "use server" file under app/. */
function sourceActions(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) {
        const text = fs.readFileSync(p, "utf8");
        if (!/^\s*["']use server["']/.test(text)) continue;
        for (const m of text.matchAll(/^export (?:const|async function) (\w+)/gm)) out.push(`${path.relative(process.cwd(), p)}#${m[1]}`);
      }
    }
  };
  walk("app");
  return out.sort();
}

let w: World;
securityWorld((built) => (w = built));

test("every server action and every route has its row in the matrix", () => {
  const built = loadActionManifest().map((a) => a.key).sort();
  const rows = Object.keys(ACTION_MATRIX).sort();
  expect(sourceActions(), "the sources' server actions are the build's").toEqual(built);
  expect(rows, "every server action has a row in e2e/security/action-matrix.ts, and no row is stale").toEqual(built);
  expect(Object.keys(ROUTE_MATRIX).sort(), "every route has a row in e2e/security/route-matrix.ts").toEqual(loadRouteManifest().sort());
});

test("every server action as every caller: refused callers write nothing, allowed ones get through", async () => {
  test.setTimeout(600_000);
  const manifest = loadActionManifest();
  const report: string[] = [];
  for (const a of manifest) {
    const row = ACTION_MATRIX[a.key];
    for (const who of CALLERS) {
      const allowed =
        row.needs === "anyone" ||
        (who === "other-team" ? !row.scoped : who === "anonymous" ? false : ROLE_RANK[who] >= RANK[row.needs]);
      const args = await row.args(w, who); // fresh objects are made before the snapshot
      const before = allowed ? null : await fingerprint();
      const r = await w.call(who, a.key, row.page(w), args);
      const line = `${a.key} as ${who}: ${r.status} ${r.result?.ok ? "ok" : (r.result?.code ?? r.text.slice(0, 80))}`;
      report.push(line);
      expect.soft(r.status, line).toBeLessThan(500);
      if (allowed) {
        expect.soft(["FORBIDDEN", "UNAUTHENTICATED"], line).not.toContain(r.result?.code);
        continue;
      }
      expect.soft(r.result?.ok, line).toBe(false);
      if (who === "anonymous") expect.soft(r.result?.code, line).toBe("UNAUTHENTICATED");
      else if (who !== "other-team") expect.soft(r.result?.code, line).toBe("FORBIDDEN");
      expect.soft(changedTables(before!, await fingerprint()), `${line}: the database changed`).toEqual([]);
    }
  }
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync("test-results/security-action-matrix.txt", report.join("\n") + "\n");
  expect(report.length).toBe(manifest.length * CALLERS.length);
});

/** One route call, authenticated as the row says, read only as far as the status (server-sent events never end). */
async function callRoute(who: CallerName, rowKey: string, target: string): Promise<{ status: number; text: string }> {
  const row = ROUTE_MATRIX[rowKey];
  const headers: Record<string, string> = {};
  if (row.auth === "session") {
    const state = await w.callers[who].storageState();
    headers.cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } else if ((row.auth === "read" || row.auth === "run") && who !== "anonymous") {
    headers.authorization = `Bearer ${w.tokens[who][row.auth]}`;
  } else if (row.auth === "receiver" && who !== "anonymous") {
    headers.authorization = `Bearer ${w.receiverToken}`;
  }
  if (row.body) headers["content-type"] = rowKey.endsWith("/import") ? "application/yaml" : "application/json";
  const abort = new AbortController();
  const res = await fetch(new URL(target, w.base), { method: row.method, headers, body: row.body?.(w), redirect: "manual", signal: abort.signal });
  const text = (res.headers.get("content-type") ?? "").includes("event-stream") ? "" : await res.text();
  abort.abort();
  return { status: res.status, text };
}

test("every route as every caller: the right status, and refused calls write nothing", async () => {
  test.setTimeout(300_000);
  const report: string[] = [];
  for (const key of Object.keys(ROUTE_MATRIX)) {
    const row = ROUTE_MATRIX[key];
    for (const who of CALLERS) {
      const allowed = row.needs === "anyone" || (who === "other-team" ? !row.scoped : who === "anonymous" ? false : ROLE_RANK[who] >= RANK[row.needs]);
      const target = await row.path(w); // fresh objects are made before the snapshot
      // A valid token records its use (lastUsedAt) even when what it asked for is refused.
      const ignore: Record<string, string[]> = row.auth === "read" || row.auth === "run" ? { ApiToken: ["lastUsedAt"] } : {};
      const before = allowed ? null : await fingerprint(ignore);
      const r = await callRoute(who, key, target);
      const line = `${row.method} ${key} as ${who}: ${r.status}`;
      report.push(line);
      expect.soft(r.status, `${line} ${r.text.slice(0, 200)}`).toBeLessThan(500);
      if (allowed) {
        expect.soft([401, 403], `${line} ${r.text.slice(0, 200)}`).not.toContain(r.status);
        continue;
      }
      // Anonymous: 401 (API) or a redirect to sign-in / 404 (pages' routes); others: 403 or 404, never the data.
      if (who === "anonymous") expect.soft([401, 307, 404], line).toContain(r.status);
      else expect.soft([403, 404], `${line} ${r.text.slice(0, 200)}`).toContain(r.status);
      // A refused token use is audited; anything else written is a leak.
      expect.soft(changedTables(before!, await fingerprint(ignore)).filter((t) => t !== "AuditLog"), `${line}: the database changed`).toEqual([]);
    }
  }
  fs.writeFileSync("test-results/security-route-matrix.txt", report.join("\n") + "\n");
});
