import { expect, test, type APIRequestContext } from "@playwright/test";
import { asAdmin, createGameDay, invite, signOut, signUp, unique } from "../support/app";
import { countRows, createToken, insertExpiredToken } from "../support/tokens";

// Crafted HTTP requests against the production build: only the right token
// with the right scope and role has an effect; everything else is 401/403
// and changes nothing. Then a CI run end to end: import, start, wait, stop, JUnit.

const people = (title: string) => `apiVersion: firedrill.dev/v1
kind: Experiment
metadata:
  title: ${title}
spec:
  hypothesis: The team keeps the incident under control without its expert.
  durationSec: 600
  faults:
    - kind: people-staycation
      params:
        person: Dana
`;

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test("API tokens: wrong, expired, revoked and under-scoped tokens are refused with no effect; a run token drives a run from CI", async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  await asAdmin(page);
  const gameDayId = await createGameDay(page, `API ${unique()}`);
  const runToken = await createToken(page, `CI run ${unique()}`, "run");
  const readToken = await createToken(page, `CI read ${unique()}`, "read");
  const revokedName = `to revoke ${unique()}`;
  const revoked = await createToken(page, revokedName, "run");
  page.on("dialog", (d) => d.accept());
  await page.getByRole("row", { name: `Token ${revokedName}` }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row", { name: `Token ${revokedName}` })).toContainText("revoked");
  const expired = await insertExpiredToken("ada@firedrill.test", "run");

  // A participant's run token may import but not start runs: the role still applies.
  const pia = { name: "Pia", email: `pia-${unique()}@firedrill.test`, password: "participant pw 12" };
  const inviteToken = await invite(page, pia.email, "participant");
  await signOut(page);
  await signUp(page, pia, inviteToken);
  await expect(page.getByRole("heading", { name: "GameDays" })).toBeVisible();
  const participantToken = await createToken(page, "participant CI", "run");
  await signOut(page);

  const api: APIRequestContext = await playwright.request.newContext({ baseURL });
  const importUrl = `/api/v1/gamedays/${gameDayId}/experiments/import`;
  const experimentsBefore = await countRows("Experiment");
  const refusedBefore = await countRows("AuditLog", `action = 'api-token.refused'`);

  expect((await api.get("/api/v1/openapi.json")).status()).toBe(200);
  expect((await (await api.get("/api/v1/openapi.json")).json()).paths).toHaveProperty(["/api/v1/runs/{runId}/results"]);
  expect((await api.get("/api/v1/schemas/experiment.json")).status()).toBe(200);
  expect((await api.get("/api/v1/clusters")).status()).toBe(401);
  const clusters = await api.get("/api/v1/clusters", { headers: auth(readToken) });
  expect(clusters.status()).toBe(200);
  expect(Array.isArray(await clusters.json())).toBe(true);
  expect(await clusters.text()).not.toMatch(/certificate|token|kubeconfig/i);

  const refused: [Record<string, string>, number, RegExp][] = [
    [{}, 401, /Send a personal access token/],
    [{ authorization: "Basic YWRhOnB3" }, 401, /Send a personal access token/],
    [{ authorization: "Bearer not-a-token" }, 401, /not a Firedrill token/],
    [auth(`fdt_${"A".repeat(43)}`), 401, /Unknown token/],
    [auth(revoked), 401, /revoked/],
    [auth(expired), 401, /expired/],
    [auth(readToken), 403, /scoped to read/],
  ];
  for (const [headers, status, message] of refused) {
    const r = await api.post(importUrl, { headers: { ...headers, "content-type": "application/yaml" }, data: people("Should not exist") });
    expect(r.status(), JSON.stringify(headers)).toBe(status);
    expect((await r.json()).message).toMatch(message);
  }
  expect(await countRows("Experiment")).toBe(experimentsBefore);

  // Bad input: the line, and nothing written. A dry run writes nothing either.
  const dup = await api.post(importUrl, { headers: auth(runToken), data: people("Dup").replace("  durationSec: 600\n", "  durationSec: 600\n  durationSec: 60\n") });
  expect(dup.status()).toBe(400);
  expect((await dup.json()).problems[0]).toMatchObject({ line: 8, message: expect.stringMatching(/unique/) });
  const dry = await api.post(`${importUrl}?dryRun=true`, { headers: auth(runToken), data: people("Dry") });
  expect(dry.status()).toBe(200);
  expect((await dry.json()).created).toEqual([]);
  expect(await countRows("Experiment")).toBe(experimentsBefore);
  const huge = await api.post(importUrl, { headers: auth(runToken), data: "# " + "x".repeat(600 * 1024) });
  expect(huge.status()).toBe(400);

  const imported = await api.post(importUrl, { headers: auth(participantToken), data: people("Staycation from CI") });
  expect(imported.status(), await imported.text()).toBe(201);
  const experimentId = (await imported.json()).created[0].id as string;
  expect(await countRows("Experiment")).toBe(experimentsBefore + 1);

  // Starting runs needs scope run AND a facilitator: the read token and the participant's run token change nothing.
  const runsBefore = await countRows("Run");
  for (const token of [readToken, participantToken, revoked, expired]) {
    const r = await api.post(`/api/v1/experiments/${experimentId}/runs`, { headers: auth(token) });
    expect([401, 403]).toContain(r.status());
  }
  expect(await countRows("Run")).toBe(runsBefore);
  expect((await api.get(`/api/v1/runs/nope-${unique()}`, { headers: auth(readToken) })).status()).toBe(404);
  expect((await api.get(`/api/v1/runs/..%2F..%2Fetc`, { headers: auth(readToken) })).status()).toBe(404);

  // The CI flow of the README: start, wait, stop, JUnit.
  const started = await api.post(`/api/v1/experiments/${experimentId}/runs`, { headers: auth(runToken) });
  expect(started.status(), await started.text()).toBe(201);
  const run = await started.json();
  expect(run).toMatchObject({ status: "running", terminal: false });
  const waited = await api.get(`/api/v1/runs/${run.id}/wait?timeoutSec=1`, { headers: auth(readToken) });
  expect(await waited.json()).toMatchObject({ status: "running", terminal: false });
  expect((await api.post(`/api/v1/runs/${run.id}/stop`, { headers: auth(readToken) })).status()).toBe(403);
  const stopped = await api.post(`/api/v1/runs/${run.id}/stop`, { headers: auth(runToken), data: { reason: "CI done" } });
  expect(await stopped.json()).toMatchObject({ status: "completed", terminal: true });
  const results = await (await api.get(`/api/v1/runs/${run.id}/results`, { headers: auth(readToken) })).json();
  expect(results).toMatchObject({ verdict: "passed", faults: [{ kind: "people-staycation", target: "the room", verdict: "passed" }] });
  const junit = await api.get(`/api/v1/runs/${run.id}/results?format=junit`, { headers: auth(readToken) });
  expect(junit.headers()["content-type"]).toMatch(/application\/xml/);
  const xml = await junit.text();
  expect(xml).toMatch(/<testsuite name="Staycation from CI" id="[^"]+" tests="2" failures="0" errors="0"/);
  expect(xml).toContain('<property name="firedrill.verdict" value="passed"/>');

  // Every refusal of a real token is in the audit log (revoked, expired, scope, role: at least 8 here).
  expect(await countRows("AuditLog", `action = 'api-token.refused'`)).toBeGreaterThanOrEqual(refusedBefore + 8);
  expect(await countRows("AuditLog", `action = 'api.run.started'`)).toBeGreaterThanOrEqual(1);
  await api.dispose();
});
