// Each finding of Trust I (issue 13) as the attacker would send it: crafted
// HTTP requests to the production build's server actions and routes (no UI),
// each refused, with the database unchanged where the attack was a write.
// Findings only a second server or an identity provider can show (the setup
// link off loopback, SSO linking) are proven in lib/auth/*.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sqlOnAppDb } from "../security/app-db";
import { changedTables, fingerprint } from "../security/db-fingerprint";
import { newClient, signInOverHttp } from "../security/http";
import { type World, securityWorld } from "../security/world";

let w: World;
securityWorld((built) => (w = built));

/** Calls an action and checks it was refused with `code` and wrote nothing. */
async function refusedUnchanged(who: Parameters<World["call"]>[0], key: string, page: string, input: unknown, code: string) {
  const before = await fingerprint();
  const r = await w.call(who, key, page, [null, input]);
  expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
  expect(r.result?.ok, r.text.slice(0, 300)).toBe(false);
  expect(r.result?.code).toBe(code);
  expect(changedTables(before, await fingerprint())).toEqual([]);
  return r.result!;
}

test("1. knowing an invited email is not enough: sign-up without its token never takes the invitation or its role", async () => {
  const email = `invited-admin-${Date.now()}@a.example`;
  const { token } = (await w.asAdmin("app/team/actions.ts#inviteAction", "/team", { email, role: "admin" })) as { token: string };
  const mallory = await newClient(w.base);
  const signUp = (input: Record<string, string>) => w.call("anonymous", "app/signup/actions.ts#signUpAction", "/signup", [null, { name: "Mallory", email, password: "any ten chars", ...input }]);
  // A made-up token, and the real token used for another address: refused, nothing written.
  const crafted: Record<string, string>[] = [{ invite: "A".repeat(43) }, { invite: token, email: `mallory-${Date.now()}@evil.example` }];
  for (const input of crafted) {
    const before = await fingerprint();
    const r = await signUp(input);
    expect(r.result?.ok, r.text.slice(0, 300)).toBe(false);
    expect(changedTables(before, await fingerprint()).filter((t) => t !== "AuditLog")).toEqual([]);
  }
  // No token at all (this loopback server has open sign-up): at most a viewer, and the invitation stays pending.
  const r = await signUp({});
  if (r.result?.ok) {
    const [m] = (await sqlOnAppDb(`SELECT m."role" FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE u."email" = ?`, [email])) as { role: string }[];
    expect(m.role).toBe("viewer");
  }
  const [inv] = (await sqlOnAppDb(`SELECT "acceptedById" FROM "Invitation" WHERE "email" = ?`, [email])) as { acceptedById: string | null }[];
  expect(inv.acceptedById).toBeNull();
  await mallory.dispose();
});

test("4. password guessing is limited per account: 429 with Retry-After, and failures are audited", async () => {
  const email = `guessed-${Date.now()}@a.example`;
  const client = await newClient(w.base);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await signInOverHttp(client, email, `wrong guess ${i}`)).status);
  expect(statuses.slice(0, 5)).not.toContain(429);
  const csrf = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const limited = await client.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email, password: "the right one?", json: "true" }, failOnStatusCode: false, maxRedirects: 0 });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  const audited = await sqlOnAppDb(`SELECT "id" FROM "AuditLog" WHERE "action" = 'auth.sign-in-failed' AND "actorEmail" = ?`, [email]);
  expect(audited.length).toBeGreaterThanOrEqual(5);
  await client.dispose();
});

test("5. a kubeconfig cannot run a program or read a file on the server", async () => {
  const marker = path.join(os.tmpdir(), `firedrill-exec-${Date.now()}`);
  const server = "https://127.0.0.1:1";
  const kubeconfig = (user: string) => `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${server}", insecure-skip-tls-verify: true}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\nusers:\n- name: u\n  user: ${user}\n`;
  const attacks = [
    `{exec: {apiVersion: client.authentication.k8s.io/v1, command: touch, args: ["${marker}"]}}`,
    `{token-file: data/.secret-key}`,
    `{auth-provider: {name: gcp, config: {cmd-path: touch, cmd-args: "${marker}"}}}`,
    `{client-certificate: /etc/passwd, client-key: /etc/passwd}`,
  ];
  for (const user of attacks) {
    const refusal = await refusedUnchanged("admin", "app/clusters/actions.ts#createClusterAction", "/clusters", { name: "Hostile", source: "kubeconfig", kubeconfig: kubeconfig(user), context: "" }, "BAD_INPUT");
    expect(refusal.fieldErrors?.kubeconfig, user).toBeTruthy();
  }
  expect(fs.existsSync(marker)).toBe(false);
});

test("6. outbound addresses cannot be aimed inward, and a saved tracker token never follows a new address", async () => {
  const gd = `/gamedays/${w.ids.gameDayId}/follow-ups`;
  // This server allows loopback (its fake services live there); metadata and private ranges stay refused.
  // (A plain-http *name* passes the save-time check here, because this server lists ranges: it is
  // judged on the address it resolves to when called, lib/outbound/guarded-request.test.ts.)
  for (const url of ["http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/", "https://10.0.0.1/hook", "https://[fd00::1]/hook", "http://[::ffff:a9fe:a9fe]/"]) {
    const r = await refusedUnchanged("facilitator", "app/gamedays/[id]/follow-ups/notification-actions.ts#addNotificationTargetAction", gd, { gameDayId: w.ids.gameDayId, kind: "webhook", url }, "BAD_INPUT");
    expect(r.fieldErrors?.url, url).toBeTruthy();
  }
  await refusedUnchanged("admin", "app/settings/metrics/actions.ts#createSourceAction", "/settings/metrics", { name: "Metadata", url: "http://169.254.169.254:9090" }, "BAD_INPUT");

  const tracker = { kind: "github", baseUrl: "https://api.github.com", project: "acme/shop", accountEmail: "", labels: "firedrill" };
  await w.asAdmin("app/settings/trackers/actions.ts#saveTrackerSettingsAction", "/settings/trackers", { ...tracker, token: "ghp_saved_secret_token" });
  const r = await refusedUnchanged("admin", "app/settings/trackers/actions.ts#saveTrackerSettingsAction", "/settings/trackers", { ...tracker, baseUrl: "https://attacker.example/api", token: "" }, "BAD_INPUT");
  expect(r.fieldErrors?.token).toMatch(/enter the API token again/i);
  await w.asAdmin("app/settings/trackers/actions.ts#saveTrackerSettingsAction", "/settings/trackers", { kind: "builtin", baseUrl: "", project: "", accountEmail: "", token: "", labels: "firedrill" });
});

test("7. a report cannot carry script: javascript: tracker links are inert and every answer has the security headers", async () => {
  await sqlOnAppDb(`UPDATE "FollowUp" SET "tracker" = 'github', "externalKey" = '#1', "externalUrl" = ? WHERE "id" = ?`, ["javascript:alert(document.cookie)", w.ids.followUpId]);
  await sqlOnAppDb(`UPDATE "FollowUp" SET "title" = ? WHERE "id" = ?`, [`<img src=x onerror=alert(1)><script>alert(2)</script>`, w.ids.followUpId]);
  const share = (await w.asAdmin("app/gamedays/[id]/report/actions.ts#createShareLinkAction", `/gamedays/${w.ids.gameDayId}/report`, { gameDayId: w.ids.gameDayId, expiresInDays: 1 })) as { token: string };
  for (const p of [`/share/${share.token}`, `/share/${share.token}/html`, `/gamedays/${w.ids.gameDayId}/report`, `/gamedays/${w.ids.gameDayId}/report/html`]) {
    const res = await fetch(new URL(p, w.base), { headers: p.startsWith("/share") ? {} : { cookie: (await w.callers.admin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ") } });
    const html = await res.text();
    expect(res.status, p).toBe(200);
    expect(html, p).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html, p).not.toContain("<script>alert(2)</script>");
    // The follow-up is on the page (so the checks above looked at it), as text.
    expect(html, p).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html, p).not.toMatch(/<img[^>]+onerror/i);
    expect(res.headers.get("content-security-policy"), p).toContain("script-src 'self' 'nonce-");
    expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
  }
});

test("10. out-of-range dates and oversized fields get a clear 4xx-style answer and write nothing", async () => {
  for (const scheduledFor of ["+275760-09-13", "-100000-01-01", "1999-12-31", "3000-01-01", "not a date"]) {
    const r = await refusedUnchanged("admin", "app/gamedays/actions.ts#createGameDayAction", "/gamedays/new", { title: "Far future", goals: "g", systemUnderTest: "s", scheduledFor }, "BAD_INPUT");
    expect(r.fieldErrors?.scheduledFor, scheduledFor).toBeTruthy();
  }
  await refusedUnchanged("admin", "app/team/actions.ts#inviteAction", "/team", { email: `${"a".repeat(10_000)}@a.example`, role: "viewer" }, "BAD_INPUT");
  await refusedUnchanged("admin", "app/clusters/actions.ts#saveGuardrailsAction", "/clusters", { clusterId: w.ids.clusterId, allowedNamespaces: "ns,".repeat(20_000), protectedNamespaces: "kube-system", protectedLabels: "", maxTargets: 10, maxDurationSec: 3600 }, "BAD_INPUT");
  const experiment = { gameDayId: w.ids.gameDayId, title: "Long kind", hypothesis: "h", durationSec: 60, faults: [{ kind: "k".repeat(100_000), params: {} }], failureModeIds: [], steadyState: [], abortConditions: [], rollbackNotes: "" };
  await refusedUnchanged("admin", "app/gamedays/[id]/experiments/actions.ts#saveExperimentAction", `/gamedays/${w.ids.gameDayId}/experiments/new`, experiment, "BAD_INPUT");
  // A megabyte password on the sign-in endpoint: refused without hashing it, never a 500.
  const client = await newClient(w.base);
  const r = await signInOverHttp(client, `long-${Date.now()}@a.example`, "p".repeat(1_000_000));
  expect(r.status).toBeLessThan(500);
  await client.dispose();
});

test("11. an HTTP probe calls only hosts an admin allowed on its cluster: crafted saves aimed at metadata, loopback or an unlisted host are refused, and only an admin widens the list", async () => {
  const probe = (url: string) => ({ kind: "http", name: "Probe", query: "", comparator: ">=", threshold: 0.9, windowSec: 30, http: { url, method: "GET", expectedStatus: 200, maxLatencyMs: 1000, intervalSec: 2 } });
  const experiment = (url: string, where: "steadyState" | "abortConditions") => ({ gameDayId: w.ids.gameDayId, clusterId: w.ids.clusterId, title: "Probe elsewhere", hypothesis: "h", durationSec: 60, faults: [{ kind: "pod-kill", params: {} }], failureModeIds: [], steadyState: [], abortConditions: [], rollbackNotes: "", [where]: [probe(url)] });
  for (const url of ["http://169.254.169.254/latest/meta-data/", `${w.base}/api/health`, "http://[::1]:5432/", "https://example.com/"]) {
    for (const who of ["facilitator", "admin"] as const) {
      const r = await refusedUnchanged(who, "app/gamedays/[id]/experiments/actions.ts#saveExperimentAction", `/gamedays/${w.ids.gameDayId}/experiments/new`, experiment(url, who === "admin" ? "steadyState" : "abortConditions"), "BAD_INPUT");
      expect(Object.values(r.fieldErrors ?? {}).join(" "), url).toMatch(/is not a host an admin allowed HTTP probes to call/);
    }
  }
  // Widening the list is an admin's: a facilitator's crafted guardrails save is refused, nothing written.
  await refusedUnchanged("facilitator", "app/clusters/actions.ts#saveGuardrailsAction", "/clusters", { clusterId: w.ids.clusterId, allowedNamespaces: "", protectedNamespaces: "kube-system", protectedLabels: "", maxTargets: 10, maxDurationSec: 3600, probeHosts: "169.254.169.254" }, "FORBIDDEN");
  // A malformed entry is refused with its field named, nothing written.
  const bad = await refusedUnchanged("admin", "app/clusters/actions.ts#saveGuardrailsAction", "/clusters", { clusterId: w.ids.clusterId, allowedNamespaces: "", protectedNamespaces: "kube-system", protectedLabels: "", maxTargets: 10, maxDurationSec: 3600, probeHosts: "http://169.254.169.254/" }, "BAD_INPUT");
  expect(bad.fieldErrors?.probeHosts).toMatch(/host name, .domain, address or CIDR/);
});
