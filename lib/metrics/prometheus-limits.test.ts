// A "Prometheus" that answers without end must cost at most PROM_MAX_BYTES
// and fail as too large (not run until the deadline holding all it sent),
// and a Prometheus address the operator did not list gets no connection at
// all (with its bearer token). The allow list comes from the environment, as
// in production; each test sets it and the file restores it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { endlessJson, redirectTo, startLocalServer, type LocalServer } from "@/lib/outbound/hostile-servers.test-support";
import { PROM_MAX_BYTES, promBuildInfo, promQuery, promQueryRange, type PromEndpoint } from "./prometheus";

const ALLOW = "FIREDRILL_OUTBOUND_ALLOW";
const allowedBefore = process.env[ALLOW];
const endpoint = (url: string, more: Partial<PromEndpoint> = {}): PromEndpoint => ({ url, auth: { kind: "bearer", token: "prom-token-secret" }, tlsSkipVerify: false, caCert: null, ...more });

let prom: LocalServer;
const servers: LocalServer[] = [];
beforeAll(async () => {
  prom = await startLocalServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"success","data":{"resultType":"scalar","result":[0,"1"]}}');
  });
});
afterEach(async () => {
  if (allowedBefore === undefined) delete process.env[ALLOW];
  else process.env[ALLOW] = allowedBefore;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => prom.close());

describe("the answer's size is capped", () => {
  it("an endless answer fails as too large, well inside a long deadline", async () => {
    process.env[ALLOW] = "metrics=127.0.0.0/8";
    const endless = await startLocalServer(endlessJson);
    servers.push(endless);
    // A deadline the cap must beat: at the server's rate it sends PROM_MAX_BYTES in well under a second.
    const [instant, range] = await Promise.all([promQuery(endpoint(endless.url), "up", undefined, 15_000), promQueryRange(endpoint(endless.url), "up", 0, 60, 1, 15_000)]);
    expect(instant).toMatchObject({ ok: false, kind: "too_large" });
    expect(range).toMatchObject({ ok: false, kind: "too_large" });
  }, 40_000);

  it("an answer that declares more than the cap fails as too large without being read", async () => {
    process.env[ALLOW] = "metrics=127.0.0.0/8";
    const declared = 64 * 1024 * 1024;
    const big = await startLocalServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(declared) });
      res.write('{"status":"success","data":'); // then nothing: reading on would wait for the deadline
    });
    servers.push(big);
    expect(await promBuildInfo(endpoint(big.url), 15_000)).toMatchObject({ ok: false, kind: "too_large" });
    expect(declared).toBeGreaterThan(PROM_MAX_BYTES);
  }, 40_000);

  it("an answer under the cap is read", async () => {
    process.env[ALLOW] = "metrics=127.0.0.0/8";
    expect(await promQuery(endpoint(prom.url), "up")).toMatchObject({ ok: true, data: { value: 1 } });
  });
});

describe("an address the operator did not list is not called", () => {
  it.each([
    ["nothing listed", undefined],
    ["listed for the other callers only", "webhooks=127.0.0.0/8,trackers=127.0.0.0/8"],
    ["another range listed", "metrics=10.0.0.0/8"],
  ])("%s: refused, no connection", async (_case, allow) => {
    if (allow === undefined) delete process.env[ALLOW];
    else process.env[ALLOW] = allow;
    const before = prom.connections;
    for (const url of [prom.url, `http://localhost:${prom.port}`, `http://2130706433:${prom.port}`]) {
      expect(await promQuery(endpoint(url), "up"), url).toMatchObject({ ok: false, kind: "refused" });
    }
    expect(prom.connections).toBe(before);
  });

  it("listed for metrics, it is called (the control)", async () => {
    process.env[ALLOW] = "metrics=127.0.0.0/8";
    const before = prom.connections;
    expect(await promQuery(endpoint(prom.url), "up")).toMatchObject({ ok: true });
    expect(prom.connections).toBe(before + 1);
  });

  it("a listed Prometheus that redirects elsewhere is refused, and the elsewhere gets no connection", async () => {
    process.env[ALLOW] = "metrics=127.0.0.0/8";
    const bouncer = await startLocalServer(redirectTo(`${prom.url}/api/v1/query`, 307));
    servers.push(bouncer);
    const before = prom.connections;
    expect(await promQuery(endpoint(bouncer.url), "up")).toMatchObject({ ok: false, kind: "refused" });
    expect(prom.connections).toBe(before);
  });

  it("a public-looking name that resolves to it is refused at connect time", async () => {
    delete process.env[ALLOW];
    const before = prom.connections;
    const ep = endpoint(`https://prometheus.example.test:${prom.port}`, { network: { resolve: async () => [{ address: "127.0.0.1", family: 4 }] } });
    expect(await promQuery(ep, "up")).toMatchObject({ ok: false, kind: "refused" });
    expect(prom.connections).toBe(before);
  });
});
