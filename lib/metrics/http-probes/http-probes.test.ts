// HTTP probes: the success-ratio series and verdicts (pure), the hosts an
// admin allowed, and the request itself attacked by local servers playing a
// slow service, a redirect to somewhere else, a rebinding name and an
// endless answer.
import { afterEach, describe, expect, it } from "vitest";
import { httpProbeSchema, probeSchema } from "@/lib/experiments/schemas";
import { guardrailsSchema } from "@/lib/k8s/guardrails";
import { endlessJson, redirectTo, startLocalServer, type LocalServer } from "@/lib/outbound/hostile-servers.test-support";
import { evaluateHttpWindow, httpProbeSeries, successRatioAt, type HttpSample } from "./http-series";
import { probeUrlRefusal } from "./probe-hosts";
import { sendHttpProbe } from "./send-http-probe";

const spec = (over: Partial<{ windowSec: number; comparator: "<" | ">="; threshold: number }> = {}) => ({ name: "Checkout answers", comparator: ">=" as const, threshold: 0.9, windowSec: 10, ...over });
// One request a second from t=100: ok until t=110, failing from t=111.
const samples: HttpSample[] = Array.from({ length: 20 }, (_, i) => ({ at: 101 + i, ok: i < 10 }));

describe("the success ratio", () => {
  it("is the share of requests that succeeded in (t − window, t], null with none", () => {
    expect(successRatioAt(samples, 110, 10)).toBe(1);
    expect(successRatioAt(samples, 115, 10)).toBe(0.5);
    expect(successRatioAt(samples, 120, 10)).toBe(0);
    expect(successRatioAt(samples, 90, 10)).toBeNull();
  });

  it("is charted on the step grid, each point the ratio of the window ending there", () => {
    const series = httpProbeSeries(samples, 10, 95, 120, 5);
    expect(series).toEqual([
      [95, null],
      [100, null],
      [105, 1],
      [110, 1],
      [115, 0.5],
      [120, 0],
    ]);
  });
});

describe("an HTTP probe's verdict", () => {
  it("holds as a steady-state probe while the ratio meets the threshold, and says the counts", () => {
    expect(evaluateHttpWindow(samples, spec(), "steadyState", 110)).toMatchObject({ state: "ok", latest: 1, samples: 10 });
    const v = evaluateHttpWindow(samples, spec(), "steadyState", 114);
    expect(v.state).toBe("breached");
    expect(v.line).toBe("Checkout answers: 6 of 10 requests succeeded (0.6) does not hold (>= 0.9 over 10 s)");
  });

  it("trips as an abort condition only once the window is full of requests", () => {
    const condition = spec({ comparator: "<", threshold: 0.5 });
    // Three failures in a row right at the start: not a full window yet.
    const early = [{ at: 101, ok: false }, { at: 102, ok: false }, { at: 103, ok: false }];
    const v = evaluateHttpWindow(early, condition, "abortConditions", 103, 101);
    expect(v.state).toBe("ok");
    expect(v.line).toContain("window not full yet");
    expect(evaluateHttpWindow(samples, condition, "abortConditions", 117, 101).state).toBe("breached");
    expect(evaluateHttpWindow(samples, condition, "abortConditions", 113, 101).state).toBe("ok");
  });

  it("has no data without requests in the window", () => {
    expect(evaluateHttpWindow([], spec(), "steadyState", 50).state).toBe("no-data");
  });
});

describe("the probe schema", () => {
  it("takes PromQL probes as before (no kind) and HTTP probes with their request", () => {
    expect(probeSchema.safeParse({ name: "e", query: "sum(up)", comparator: "<", threshold: 1, windowSec: 30 }).success).toBe(true);
    const http = probeSchema.parse({ kind: "http", name: "h", comparator: ">=", threshold: 0.95, windowSec: 30, http: { url: "http://checkout.demo:8080/" } });
    expect(http.http).toEqual({ url: "http://checkout.demo:8080/", method: "GET", expectedStatus: 200, maxLatencyMs: 1000, intervalSec: 2 });
  });

  it("refuses an HTTP probe without a URL, a ratio outside 0–1, a redirect status and a window shorter than the interval", () => {
    const base = { kind: "http", name: "h", comparator: ">=", windowSec: 30 };
    const issues = (v: unknown) => probeSchema.safeParse(v).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(issues({ ...base, threshold: 0.9 })).toEqual(["http.url"]);
    expect(issues({ ...base, threshold: 95, http: { url: "http://a/" } })).toEqual(["threshold"]);
    expect(issues({ ...base, threshold: 0.9, windowSec: 1, http: { url: "http://a/", intervalSec: 5 } })).toEqual(["windowSec"]);
    expect(httpProbeSchema.safeParse({ url: "http://a/", expectedStatus: 302 }).success).toBe(false);
    expect(httpProbeSchema.safeParse({ url: "file:///etc/passwd" }).success).toBe(false);
    expect(httpProbeSchema.safeParse({ url: "gopher://a/" }).success).toBe(false);
  });
});

describe("the hosts a cluster allows", () => {
  it("reads names, domains, addresses and ranges, and refuses anything else", () => {
    expect(guardrailsSchema.parse({ probeHosts: ["checkout.demo.svc", ".svc.cluster.local", "10.0.0.0/8", "127.0.0.1"] }).probeHosts).toHaveLength(4);
    for (const bad of ["http://checkout/", "checkout:8080", "probes=evil", "a b"]) expect(guardrailsSchema.safeParse({ probeHosts: [bad] }).success, bad).toBe(false);
    expect(guardrailsSchema.parse({}).probeHosts).toEqual([]);
  });

  it("lets a probe call only a listed host: an unlisted public https host and metadata addresses too are refused", () => {
    const hosts = ["checkout.demo.svc", ".svc.cluster.local", "127.0.0.1"];
    expect(probeUrlRefusal("http://checkout.demo.svc:8080/healthz", hosts)).toBeNull();
    expect(probeUrlRefusal("http://cart.shop.svc.cluster.local/", hosts)).toBeNull();
    expect(probeUrlRefusal("http://127.0.0.1:9090/", hosts)).toBeNull();
    expect(probeUrlRefusal("https://example.com/", hosts)).toMatch(/example.com is not a host an admin allowed/);
    expect(probeUrlRefusal("http://169.254.169.254/latest/meta-data/", hosts)).toMatch(/not a host an admin allowed/);
    expect(probeUrlRefusal("http://127.0.0.2/", hosts)).toMatch(/not a host/);
    expect(probeUrlRefusal("http://localhost/", hosts)).toMatch(/not a host/);
    expect(probeUrlRefusal("http://user:pw@checkout.demo.svc/", hosts)).toMatch(/credentials/);
    expect(probeUrlRefusal("http://checkout.demo.svc/", [])).toMatch(/allows HTTP probes to call no host yet/);
  });
});

describe("one request of an HTTP probe", () => {
  let servers: LocalServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  const serve = async (...args: Parameters<typeof startLocalServer>) => {
    const s = await startLocalServer(...args);
    servers.push(s);
    return s;
  };
  const probe = (url: string, over: Partial<ReturnType<typeof httpProbeSchema.parse>> = {}) => httpProbeSchema.parse({ url, ...over });

  it("succeeds on the expected status in time, and fails on another status", async () => {
    const s = await serve((req, res) => res.writeHead(req.url === "/down" ? 503 : 200).end("{}"));
    expect(await sendHttpProbe(probe(`${s.url}/`), ["127.0.0.1"])).toMatchObject({ refused: false, ok: true, status: 200, error: null });
    expect(await sendHttpProbe(probe(`${s.url}/down`), ["127.0.0.1"])).toMatchObject({ refused: false, ok: false, status: 503, error: "HTTP 503, expected 200" });
    expect(s.requests.map((r) => r.headers["user-agent"])).toEqual(["Firedrill HTTP probe", "Firedrill HTTP probe"]);
  });

  it("counts a slow answer as a failure and gives up on a hung service shortly after the threshold", async () => {
    const s = await serve((_q, res) => void setTimeout(() => res.end("late"), 400));
    expect(await sendHttpProbe(probe(`${s.url}/`, { maxLatencyMs: 100 }), ["127.0.0.1"])).toMatchObject({ ok: false, status: 200, error: expect.stringMatching(/over 100 ms/) });
    const hung = await serve(() => undefined);
    const started = Date.now();
    const r = await sendHttpProbe(probe(`${hung.url}/`, { maxLatencyMs: 50 }), ["127.0.0.1"]);
    expect(r).toMatchObject({ refused: false, ok: false, status: null, error: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("never calls a host the cluster does not allow, and never follows a redirect off the list", async () => {
    const forbidden = await serve();
    expect(await sendHttpProbe(probe(`${forbidden.url}/`), ["10.0.0.0/8"])).toMatchObject({ refused: true });
    const redirect = await serve(redirectTo(`${forbidden.url}/`, 307));
    expect(await sendHttpProbe(probe(`http://localhost:${redirect.port}/`), ["localhost"])).toMatchObject({ refused: false, ok: false, error: expect.stringMatching(/redirect/) });
    expect(forbidden.connections).toBe(0);
  });

  it("takes a range for addresses only: a name that resolves into a listed range is not called unless the name is listed", async () => {
    const s = await serve();
    const intoTheRange = async () => [{ address: "127.0.0.1", family: 4 }];
    expect(await sendHttpProbe(probe(`http://shop.attacker.example:${s.port}/`), ["127.0.0.0/8"], intoTheRange)).toMatchObject({ refused: true, error: expect.stringMatching(/shop.attacker.example is not a host/) });
    expect(s.connections).toBe(0);
    // Listed by name, the admin vouches for where it points.
    expect(await sendHttpProbe(probe(`http://checkout.demo.svc:${s.port}/`), ["checkout.demo.svc"], intoTheRange)).toMatchObject({ refused: false, ok: true });
    expect(s.connections).toBe(1);
  });

  it("cuts off an endless answer and counts it as a failure", async () => {
    const s = await serve(endlessJson);
    expect(await sendHttpProbe(probe(`${s.url}/`, { maxLatencyMs: 5000 }), ["127.0.0.1"])).toMatchObject({ refused: false, ok: false, error: expect.stringMatching(/more than 256 KiB/) });
  });
});
