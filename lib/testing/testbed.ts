// Helpers for *.cluster.test.ts: the test bed's coordinates, an admin client
// to observe the cluster independently of Firedrill, and a signed-in member.
import fs from "node:fs";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { makeClusterClient, type ClusterClient } from "@/lib/k8s/client";
import type { SessionUser } from "@/lib/auth/session-user";

export interface Testbed {
  kubeconfig: string;
  firedrillKubeconfig: string;
  apiserver: string;
  prometheus: string;
  demoService: string;
  demoNamespace: string;
}

export function testbed(): Testbed {
  const file = process.env.TESTBED_ENV ?? path.resolve(import.meta.dirname, "../../e2e/testbed/.state/env.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Testbed;
}

/** A cluster-admin client, to check what Firedrill did through a second pair of eyes. */
export function adminClient(): ClusterClient {
  const kc = new KubeConfig();
  kc.loadFromFile(testbed().kubeconfig);
  return makeClusterClient(kc);
}

/** Creates (once) a facilitator-capable admin member for lib calls. */
export async function testUser(): Promise<SessionUser> {
  const { db } = await import("@/lib/db/client");
  const { provisionUser, loadSessionUser } = await import("@/lib/auth/accounts");
  const existing = await db.user.findUnique({ where: { email: "cluster-test@firedrill.test" } });
  const id = existing?.id ?? (await provisionUser({ email: "cluster-test@firedrill.test", name: "Cluster Test" })).userId;
  await db.membership.updateMany({ where: { userId: id }, data: { role: "admin" } });
  return (await loadSessionUser(id))!;
}

/** Polls until `check` returns true (behaviour, not timing: the deadline is generous). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Drives the engine loop (as the app's timer would) until `done`. */
export async function tickUntil(done: () => Promise<boolean>, what: string, timeoutMs = 180_000): Promise<void> {
  const { engineTick } = await import("@/lib/runs/engine/engine-loop");
  await eventually(async () => {
    await engineTick();
    return done();
  }, what, timeoutMs);
}
