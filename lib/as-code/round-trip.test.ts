import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { documentsToYaml, toExperimentDocument } from "./experiment-document";
import { planImport } from "./import-documents";
import { allKinds, generateExperiment, seeded } from "./generate-experiments";
import type { ExperimentInput } from "@/lib/experiments/schemas";
import Ajv2020 from "ajv/dist/2020";
import { experimentDocumentSchema, toJsonSchema } from "./json-schema";

// The JSON Schema served to editors must accept every exported document.
const editorSchema = new Ajv2020({ strict: false, allErrors: true }).compile(toJsonSchema(experimentDocumentSchema(), "experiment.json"));

const CASES_PER_KIND = 40;

function roundTrip(e: ExperimentInput, asJson = false) {
  const doc = toExperimentDocument(e);
  const text = asJson ? JSON.stringify(doc, null, 2) : documentsToYaml([doc], "https://firedrill.example/api/v1/schemas/experiment.json");
  const plan = planImport(text, { gameDayId: e.gameDayId, clusterId: e.clusterId });
  return { text, plan };
}

describe("round trip: every experiment the editor can make exports and imports to the same experiment", () => {
  for (const kind of allKinds()) {
    it(`${kind.kind}: ${CASES_PER_KIND} generated experiments`, { timeout: 60_000 }, () => {
      const r = seeded(kind.kind.length * 7919 + kind.kind.charCodeAt(0));
      let made = 0;
      for (let i = 0; i < CASES_PER_KIND * 3 && made < CASES_PER_KIND; i++) {
        const e = generateExperiment(r, [kind]);
        if (!e) continue;
        made++;
        const { text, plan } = roundTrip(e, i % 5 === 0);
        expect(plan.problems, text).toEqual([]);
        expect(plan.experiments, text).toHaveLength(1);
        expect(plan.experiments[0].input, text).toEqual(e);
        expect(editorSchema(parse(text)), JSON.stringify(editorSchema.errors)).toBe(true);
      }
      // The generator must really produce experiments, or this test proves nothing.
      expect(made).toBe(CASES_PER_KIND);
    });
  }

  it("several faults in one experiment, of kinds of the same backend family", { timeout: 60_000 }, () => {
    const r = seeded(42);
    const cluster = allKinds().filter((k) => k.backend !== "people");
    const people = allKinds().filter((k) => k.backend === "people");
    let made = 0;
    for (let i = 0; i < 300 && made < 60; i++) {
      const pool = i % 2 ? cluster : people;
      const e = generateExperiment(r, Array.from({ length: 2 + Math.floor(r() * 2) }, () => pool[Math.floor(r() * pool.length)]));
      if (!e) continue;
      made++;
      expect(roundTrip(e).plan.experiments[0]?.input).toEqual(e);
    }
    expect(made).toBe(60);
  });

  it("exports a versioned document with a schema hint, and no installation ids", () => {
    const e = generateExperiment(seeded(1), [allKinds().find((k) => k.kind === "pod-kill")!])!;
    const { text } = roundTrip(e);
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=https://firedrill.example/api/v1/schemas/experiment.json");
    const doc = parse(text);
    expect(doc).toMatchObject({ apiVersion: "firedrill.dev/v1", kind: "Experiment", metadata: { title: e.title } });
    expect(text).not.toContain("gameday1");
    expect(text).not.toContain("cluster1");
  });

  it("the editors' JSON Schema refuses what the importer refuses: unknown kinds and fields", () => {
    const base = { apiVersion: "firedrill.dev/v1", kind: "Experiment", metadata: { title: "t" }, spec: { hypothesis: "h", durationSec: 60, faults: [{ kind: "pod-kill" }] } };
    expect(editorSchema(base)).toBe(true);
    expect(editorSchema({ ...base, spec: { ...base.spec, faults: [{ kind: "pod-kil" }] } })).toBe(false);
    expect(editorSchema({ ...base, spec: { ...base.spec, durationSecs: 60 } })).toBe(false);
    expect(editorSchema({ ...base, spec: { ...base.spec, faults: [{ kind: "pod-kill", params: { forse: true } }] } })).toBe(false);
  });
});
