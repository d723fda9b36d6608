// The Chaos Mesh, Istio and LitmusChaos parameter schemas are hand-written zod
// (they drive the authoring forms); this suite ties them to the real CRDs the
// test bed installed from the projects' official manifests. For every kind,
// every select option and every numeric bound the form allows:
//   1. each field the driver writes exists in the live CRD's openAPIV3Schema
//      with the right type, enum, pattern and range (crdSchemaViolations,
//      strict even where the CRD preserves unknown fields), and
//   2. the API server accepts the object in a server-side dry run with
//      fieldValidation=Strict, as the "firedrill" identity, and keeps every
//      field (nothing pruned).
// So a guessed field name, a wrong type or a range wider than the CRD's fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, testbed } from "@/lib/testing/testbed";
import type { ClusterClient } from "@/lib/k8s/client";
import { AppError } from "@/lib/errors";
import { listFaultKinds, findFaultKind } from "@/lib/faults/catalog";
import { clusterFaults } from "@/lib/faults/registry";
import type { FaultTarget } from "@/lib/faults/fault-module";
import { customObjects, isCustomResourceFault, STRICT } from "@/lib/faults/builders/custom-resource";
import { chaosMeshPod } from "@/lib/faults/kinds/chaos-mesh-pod";
import { faultedRoutes, istioFaultParams } from "@/lib/faults/kinds/istio-fault";
import { crdSchemaViolations, crdVersionSchema, type CrdLike, type CrdSchema } from "./schema-check";
import { paramVariants } from "./param-variants";
import { bindFault, IN_CLUSTER_RUN, stepBaseFor } from "./cluster-fixtures";

const ns = () => testbed().demoNamespace;
let admin: ClusterClient;
let firedrill: ClusterClient;

// Values some kinds' refinements need so that every variant is valid input.
const BASE: Record<string, Record<string, unknown>> = {
  "chaos-mesh-pod": { containerName: "checkout" },
  "chaos-mesh-stress": { memoryWorkers: 1 },
};
// Every kind in the registry whose fault is one custom resource (the registry is the only list).
const CR_DRIVERS = clusterFaults().filter(isCustomResourceFault);
const SAMPLES = [{ mode: "all" }, { mode: "count", value: 2 }, { mode: "percent", value: 50 }];
const podSelector: FaultTarget = { kind: "PodSelector", namespace: "demo", name: "app=checkout,tier in (frontend)", selector: "app=checkout,tier in (frontend),firedrill.dev/protected notin (true)" };

async function specSchema(group: string, plural: string, version: string): Promise<CrdSchema> {
  const crd = (await admin.objects.read({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: `${plural}.${group}` } })) as CrdLike;
  const schema = crdVersionSchema(crd, version)?.properties?.spec;
  if (!schema) throw new Error(`${plural}.${group} has no ${version} spec schema`);
  return schema;
}

describe.runIf(IN_CLUSTER_RUN)("parameters conform to the installed CRDs", () => {
  beforeAll(async () => {
    admin = adminClient();
    const { KubeConfig } = await import("@kubernetes/client-node");
    const { makeClusterClient } = await import("@/lib/k8s/client");
    const kc = new KubeConfig();
    kc.loadFromFile(testbed().firedrillKubeconfig);
    firedrill = makeClusterClient(kc);
  });

  it("covers every Chaos Mesh, Istio and LitmusChaos kind in the catalog", () => {
    const crdKinds = listFaultKinds().filter((k) => ["chaos-mesh", "istio", "litmus"].includes(k.backend)).map((k) => k.kind).sort();
    expect(crdKinds).toEqual([...CR_DRIVERS.map((d) => d.kind), "istio-fault"].sort());
  });

  it.each(CR_DRIVERS.map((d) => [d.kind, d] as const))("%s: every variant fits the CRD schema and passes a strict server-side dry run", async (kind, driver) => {
    const r = driver.resource;
    const schema = await specSchema(r.group, r.plural, r.version);
    const variants = [
      ...paramVariants(findFaultKind(kind)!.params, BASE[kind]).map((v) => ({ ...v, targets: { sample: SAMPLES[0] } })),
      ...SAMPLES.slice(1).map((s) => ({ label: `sample ${s.mode}`, params: BASE[kind] ?? {}, targets: { sample: s } })),
    ];
    for (const v of variants) {
      const parsed = findFaultKind(kind)!.params.safeParse(v.params);
      expect(parsed.error?.issues, `${kind} ${v.label}: the form refuses its own variant`).toBeUndefined();
      const manifest = driver.manifest(v.params, await stepBaseFor(firedrill, { namespace: ns(), labelSelector: podSelector.name, ...v.targets }, { durationSec: 120 }), podSelector);
      expect(crdSchemaViolations(manifest.spec, schema), `${kind} ${v.label}`).toEqual([]);
      const accepted = (await customObjects(firedrill).createNamespacedCustomObject({ group: r.group, version: r.version, plural: r.plural, namespace: ns(), body: manifest, dryRun: "All", fieldValidation: STRICT })) as { spec: unknown };
      expect(accepted.spec, `${kind} ${v.label}: the API server pruned a field`).toMatchObject(manifest.spec);
    }
  });

  describe("istio-fault", () => {
    const VS = { group: "networking.istio.io", version: "v1", plural: "virtualservices" };
    const spec = { hosts: ["fd-conformance"], http: [{ match: [{ uri: { prefix: "/" } }], route: [{ destination: { host: "fd-conformance" } }], retries: { attempts: 1 } }] };
    const remove = () => customObjects(admin).deleteNamespacedCustomObject({ ...VS, namespace: ns(), name: "fd-conformance" }).catch(() => undefined);
    beforeAll(async () => {
      await remove();
      await customObjects(admin).createNamespacedCustomObject({ ...VS, namespace: ns(), body: { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "fd-conformance", namespace: ns() }, spec } });
    });
    afterAll(async () => {
      if (admin) await remove();
    });

    it("every variant's routes fit the VirtualService schema and pass the driver's strict dry-run patch", async () => {
      const schema = await specSchema(VS.group, VS.plural, VS.version);
      for (const v of paramVariants(findFaultKind("istio-fault")!.params)) {
        const params = istioFaultParams.parse(v.params);
        expect(crdSchemaViolations({ ...spec, http: faultedRoutes(spec.http, params) }, schema), v.label).toEqual([]);
        await (await bindFault(firedrill, "istio-fault", v.params, { namespace: ns() })).dryRun({ kind: "VirtualService", namespace: ns(), name: "fd-conformance" });
      }
    });
  });

  it("a guessed field fails both the schema check and the API server", async () => {
    const schema = await specSchema("chaos-mesh.org", "podchaos", "v1alpha1");
    const manifest = chaosMeshPod.manifest({}, await stepBaseFor(firedrill, { namespace: ns(), labelSelector: "app=checkout" }), podSelector);
    const guessed = { ...manifest, spec: { ...manifest.spec, gracePeriodSeconds: 0 } };
    expect(crdSchemaViolations(guessed.spec, schema)).toEqual(["spec.gracePeriodSeconds: not a field of the CRD"]);
    const error = await customObjects(firedrill)
      .createNamespacedCustomObject({ group: "chaos-mesh.org", version: "v1alpha1", plural: "podchaos", namespace: ns(), body: guessed, dryRun: "All", fieldValidation: STRICT })
      .catch((e: unknown) => e);
    const { clusterError } = await import("@/lib/k8s/cluster-errors");
    const mapped = clusterError(error, "creating a PodChaos");
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe("BAD_INPUT");
    expect(mapped.message).toMatch(/unknown field "spec.gracePeriodSeconds"/);
  });
});
