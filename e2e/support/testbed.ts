import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { KubeConfig, AppsV1Api, CoreV1Api } from "@kubernetes/client-node";

export interface Testbed {
  kubeconfig: string;
  firedrillKubeconfig: string;
  demoNamespace: string;
  /** The node that runs real containers ("" when the bed runs KWOK nodes only). */
  realNode?: string;
}

/** The running test bed; a missing bed fails the spec (never skips it). */
export function testbed(): Testbed {
  const file = process.env.TESTBED_ENV ?? path.resolve(__dirname, "../testbed/.state/env.json");
  if (!fs.existsSync(file)) throw new Error(`the test bed is not up (${file}); run npm run testbed -- up`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Testbed;
}

/** Cluster-admin clients, to check the cluster independently of Firedrill. */
export function admin() {
  const kc = new KubeConfig();
  kc.loadFromFile(testbed().kubeconfig);
  return { core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

/** Connects the test bed through the Clusters page (pasting the kubeconfig), unless already connected. */
export async function connectTestbed(page: Page, name: string): Promise<void> {
  await page.goto("/clusters");
  if (await page.getByRole("region", { name: `Cluster ${name}` }).count()) return;
  const form = page.getByRole("form", { name: "Add cluster" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Kubeconfig", { exact: true }).fill(fs.readFileSync(testbed().firedrillKubeconfig, "utf8"));
  await form.getByRole("button", { name: "Add cluster" }).click();
  await expect(page.getByRole("region", { name: `Cluster ${name}` })).toBeVisible();
}

/** Ready pods of `app` on `node` (the bed's real node runs one checkout replica). */
export async function readyPodsOn(app: string, node: string): Promise<number> {
  const pods = await admin().core.listNamespacedPod({ namespace: testbed().demoNamespace, labelSelector: `app=${app}`, fieldSelector: `spec.nodeName=${node}` });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
}

export async function readyPods(app: string): Promise<number> {
  const pods = await admin().core.listNamespacedPod({ namespace: testbed().demoNamespace, labelSelector: `app=${app}` });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
}

/**
 * Opens a GameDay's new-experiment form and fills in a one-step cluster
 * experiment; the spec adds probes, previews and creates it.
 */
export async function draftClusterExperiment(
  page: Page,
  gameDayId: string,
  e: { title: string; hypothesis: string; durationSec?: number; kind: string; cluster: string; namespace: string; selector: string; sample?: number },
): Promise<void> {
  await page.goto(`/gamedays/${gameDayId}/experiments/new`);
  await page.getByLabel("Title").fill(e.title);
  await page.getByLabel("Hypothesis").fill(e.hypothesis);
  if (e.durationSec !== undefined) await page.getByLabel("Duration (seconds)").fill(String(e.durationSec));
  await page.getByLabel("Kind").selectOption(e.kind);
  await page.getByLabel("Cluster", { exact: true }).selectOption({ label: e.cluster });
  await page.getByLabel("Namespace").fill(e.namespace);
  await page.getByLabel("Label selector").fill(e.selector);
  if (e.sample !== undefined) {
    await page.getByLabel("Hit").selectOption("count");
    await page.getByLabel("Sample size").fill(String(e.sample));
  }
}

/** The bed's demo service (checkout), as HTTP probes call it. */
export const demoService = (): string => (testbed() as unknown as { demoService: string }).demoService;

/** Lets HTTP probes call `host` on a connected cluster, through its guardrails on the Clusters page. */
export async function allowProbeHost(page: Page, cluster: string, host: string): Promise<void> {
  await page.goto("/clusters");
  const region = page.getByRole("region", { name: `Cluster ${cluster}` });
  await region.getByText("Guardrails", { exact: true }).click();
  await region.getByLabel(/Hosts HTTP probes may call/).fill(host);
  await region.getByRole("button", { name: "Save guardrails" }).click();
  await expect(region.getByText("Guardrails saved.")).toBeVisible();
}
