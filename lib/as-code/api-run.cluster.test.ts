// Experiments as code against the real test bed: a Chaos Mesh PodChaos
// document imported through the API with a token, run, waited for, and its
// JUnit verdict compared with the run; and the example documents of Chaos
// Mesh, Istio and LitmusChaos accepted by the real CRDs (strict dry run).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { XMLParser } from "fast-xml-parser";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { adminClient, eventually, testbed, testUser } from "@/lib/testing/testbed";
import type { SessionUser } from "@/lib/auth/session-user";

let user: SessionUser;
let clusterId: string;
let gameDayId: string;
let runToken: string;
let readToken: string;
const admin = adminClient();
const ns = () => testbed().demoNamespace;
const chaos = () => admin.kc.makeApiClient(CustomObjectsApi);
const BASE = "http://127.0.0.1/api/v1";

const podChaos = () => `apiVersion: chaos-mesh.org/v1alpha1
kind: PodChaos
metadata:
  name: kill-one-checkout-pod
  namespace: ${ns()}
spec:
  action: pod-kill
  mode: one
  duration: 30s
  selector:
    namespaces: [${ns()}]
    labelSelectors:
      app: checkout
    annotationSelectors:
      example.com/chaos: allowed
`;

/** Calls a route handler of app/api/v1 as Next does: a web Request, params as a promise. */
async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, opts: { url: string; method?: string; token?: string; body?: string; params?: Record<string, string> }) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await handler(new Request(opts.url, { method: opts.method ?? "GET", headers, body: opts.body }), { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

const routes = async () => ({
  importRoute: (await import("@/app/api/v1/gamedays/[gameDayId]/experiments/import/route")).POST,
  startRoute: (await import("@/app/api/v1/experiments/[experimentId]/runs/route")).POST,
  stopRoute: (await import("@/app/api/v1/runs/[runId]/stop/route")).POST,
  waitRoute: (await import("@/app/api/v1/runs/[runId]/wait/route")).GET,
  resultsRoute: (await import("@/app/api/v1/runs/[runId]/results/route")).GET,
});

async function podChaosObjects(runId: string) {
  const list = (await chaos().listNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: "podchaos", namespace: ns() })) as { items: { metadata: { name: string; labels?: Record<string, string> } }[] };
  return list.items.filter((o) => JSON.stringify(o.metadata).includes(runId));
}

function junit(xml: string) {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as { testsuites: { testsuite: { tests: string; failures: string; errors: string; properties: { property: { name: string; value: string }[] }; testcase: { classname: string; name: string; failure?: unknown; error?: unknown }[] } } };
  const suite = doc.testsuites.testsuite;
  const prop = (n: string) => suite.properties.property.find((p) => p.name === n)?.value;
  return { suite, verdict: prop("firedrill.verdict"), status: prop("firedrill.status"), failures: Number(suite.failures), errors: Number(suite.errors), cases: [suite.testcase].flat() };
}

beforeAll(async () => {
  user = await testUser();
  const { createConnection } = await import("@/lib/k8s/connections");
  const { createGameDay } = await import("@/lib/gameday/gamedays");
  const { createApiToken } = await import("@/lib/api-tokens/tokens");
  clusterId = (await createConnection(user, { name: "Test bed (as code)", source: "kubeconfig", kubeconfig: fs.readFileSync(testbed().firedrillKubeconfig, "utf8"), context: "" })).id;
  gameDayId = (await createGameDay(user, { title: "Experiments as code", goals: "g", systemUnderTest: "checkout", scheduledFor: new Date() })).id;
  runToken = (await createApiToken(user, { name: "CI", scope: "run", expiresInDays: 1 })).token;
  readToken = (await createApiToken(user, { name: "CI read", scope: "read", expiresInDays: 1 })).token;
  // As in the server (instrumentation.ts): the engine ends runs; waiting for one only reads it.
  const { startEngineLoop } = await import("@/lib/runs/engine/engine-loop");
  startEngineLoop();
});

afterAll(async () => {
  const { stopEngineLoop } = await import("@/lib/runs/engine/engine-loop");
  stopEngineLoop();
});

describe("a Chaos Mesh PodChaos imported and run through the API with a token", () => {
  let experimentId: string;

  it("a read token cannot import (403) and nothing is written", async () => {
    const { importRoute } = await routes();
    const { db } = await import("@/lib/db/client");
    const before = await db.experiment.count();
    const r = await call(importRoute, { url: `${BASE}/gamedays/${gameDayId}/experiments/import?clusterId=${clusterId}`, method: "POST", token: readToken, body: podChaos(), params: { gameDayId } });
    expect(r.status).toBe(403);
    expect(await db.experiment.count()).toBe(before);
  });

  it("imports: one experiment with Chaos Mesh's PodChaos fault, the annotation selector listed as unmapped", async () => {
    const { importRoute } = await routes();
    const r = await call(importRoute, { url: `${BASE}/gamedays/${gameDayId}/experiments/import?clusterId=${clusterId}`, method: "POST", token: runToken, body: podChaos(), params: { gameDayId } });
    expect(r.status, r.text).toBe(201);
    const body = JSON.parse(r.text);
    expect(body.created).toHaveLength(1);
    expect(body.unmapped.map((u: { path: string }) => u.path)).toEqual(["spec.selector.annotationSelectors"]);
    experimentId = body.created[0].id;
    const { getExperimentOrThrow } = await import("@/lib/experiments/experiments");
    const e = await getExperimentOrThrow(user, experimentId);
    expect(e.faults[0]).toMatchObject({ kind: "chaos-mesh-pod", params: { action: "pod-kill" } });
    expect(e.targets).toMatchObject({ namespace: ns(), labelSelector: "app=checkout", sample: { mode: "count", value: 1 } });
    expect(e.durationSec).toBe(30);
  });

  it("runs to its end: the PodChaos exists while it runs, is gone after, and the JUnit verdict is passed like the run", async () => {
    const { startRoute, waitRoute, resultsRoute } = await routes();
    const started = await call(startRoute, { url: `${BASE}/experiments/${experimentId}/runs`, method: "POST", token: runToken, params: { experimentId } });
    expect(started.status, started.text).toBe(201);
    const run = JSON.parse(started.text);
    expect(run.status).toBe("running");
    expect((await podChaosObjects(run.id)).length).toBe(1);

    let state = run;
    for (let i = 0; i < 5 && !state.terminal; i++) {
      const w = await call(waitRoute, { url: `${BASE}/runs/${run.id}/wait?timeoutSec=60`, token: readToken, params: { runId: run.id } });
      expect(w.status).toBe(200);
      state = JSON.parse(w.text);
    }
    expect(state).toMatchObject({ status: "completed", terminal: true });
    await eventually(async () => (await podChaosObjects(run.id)).length === 0, "the PodChaos was deleted on revert");

    const x = await call(resultsRoute, { url: `${BASE}/runs/${run.id}/results?format=junit`, token: readToken, params: { runId: run.id } });
    expect(x.status).toBe(200);
    expect(x.type).toMatch(/application\/xml/);
    const j = junit(x.text);
    expect([j.status, j.verdict, j.failures, j.errors]).toEqual(["completed", "passed", 0, 0]);
    expect(j.cases.map((c) => c.classname)).toEqual(["firedrill.run", "firedrill.fault.chaos-mesh-pod"]);
    const json = JSON.parse((await call(resultsRoute, { url: `${BASE}/runs/${run.id}/results`, token: readToken, params: { runId: run.id } })).text);
    expect(json.verdict).toBe(j.verdict);
    expect(json.faults[0]).toMatchObject({ kind: "chaos-mesh-pod", state: "reverted", confirmation: null });
  });

  it("an aborted run gives a failing JUnit file, as the run failed", async () => {
    const { startRoute, stopRoute, resultsRoute } = await routes();
    const run = JSON.parse((await call(startRoute, { url: `${BASE}/experiments/${experimentId}/runs`, method: "POST", token: runToken, params: { experimentId } })).text);
    const readStop = await call(stopRoute, { url: `${BASE}/runs/${run.id}/stop`, method: "POST", token: readToken, body: JSON.stringify({ abort: true }), params: { runId: run.id } });
    expect(readStop.status).toBe(403);
    const stopped = await call(stopRoute, { url: `${BASE}/runs/${run.id}/stop`, method: "POST", token: runToken, body: JSON.stringify({ abort: true, reason: "CI abort test" }), params: { runId: run.id } });
    expect(stopped.status, stopped.text).toBe(200);
    expect(JSON.parse(stopped.text)).toMatchObject({ status: "aborted", terminal: true });
    // With Chaos Mesh's controller running, its finalizer holds the deleted object a moment.
    await eventually(async () => (await podChaosObjects(run.id)).length === 0, "the PodChaos was deleted on abort");
    const j = junit((await call(resultsRoute, { url: `${BASE}/runs/${run.id}/results?format=junit`, token: readToken, params: { runId: run.id } })).text);
    expect([j.status, j.verdict]).toEqual(["aborted", "failed"]);
    expect(j.failures).toBeGreaterThanOrEqual(1);
    expect(j.cases.find((c) => c.classname === "firedrill.run")!.failure).toBeDefined();
  });
});

describe("the example documents follow the tools' documented schemas", () => {
  const PLURALS: Record<string, string> = { PodChaos: "podchaos", NetworkChaos: "networkchaos", HTTPChaos: "httpchaos", StressChaos: "stresschaos", IOChaos: "iochaos", TimeChaos: "timechaos", DNSChaos: "dnschaos", Schedule: "schedules", VirtualService: "virtualservices", ChaosEngine: "chaosengines" };
  const examples = ["chaos-mesh-pod-kill.yaml", "chaos-mesh-kinds.yaml", "chaos-mesh-schedule.yaml", "istio-virtualservice.yaml", "litmus-chaosengine.yaml"];

  it("every Kubernetes object in them passes the real CRD's validation in a strict server-side dry run", async () => {
    let checked = 0;
    for (const file of examples) {
      const text = fs.readFileSync(path.join(import.meta.dirname, "importers/examples", file), "utf8");
      for (const raw of text.split(/^---$/m)) {
        const obj = parse(raw) as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
        const [group, version] = obj.apiVersion.split("/");
        obj.metadata.namespace = ns();
        const body = JSON.parse(JSON.stringify(obj).replaceAll('"shop"', JSON.stringify(ns())));
        await expect(chaos().createNamespacedCustomObject({ group, version, plural: PLURALS[obj.kind], namespace: ns(), body, dryRun: "All", fieldValidation: "Strict" }), `${file}: ${obj.kind} ${obj.metadata.name}`).resolves.toBeDefined();
        checked++;
      }
    }
    expect(checked).toBe(12);
  });
});
