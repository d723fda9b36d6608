import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { documentsToYaml } from "./experiment-document";
import { parseGameDayTemplate, toGameDayTemplate } from "./gameday-template";
import { readYaml } from "./read-yaml";
import { allKinds, generateExperiment, seeded } from "./generate-experiments";

const when = new Date("2026-12-01T00:00:00.000Z");

function read(text: string) {
  const r = readYaml(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.documents[0];
}

describe("GameDay templates", () => {
  const r = seeded(7);
  const kinds = allKinds();
  const experiments = Array.from({ length: 30 }, (_, i) => generateExperiment(r, [kinds[i % kinds.length]])).filter((e) => e !== null);
  const failureModes = [
    { id: "fm1", title: "Checkout pod dies", description: "OOM", injectionPoint: "containers" as const, estimate: { hypothesis: "Error rate < 1%", severity: 2, userImpact: "degraded" as const, alertExpected: true, timeToDetectMin: 5, timeToRecoverMin: null, fleetSize: 40, mtbfDays: 30 } },
    { id: "fm2", title: "Zone outage", description: "", injectionPoint: "infrastructure" as const },
  ];
  const template = toGameDayTemplate({
    title: "Checkout resilience",
    goals: "Learn how checkout fails",
    systemUnderTest: "checkout",
    failureModes,
    experiments: experiments.map((e, i) => ({ ...e, failureModeIds: i % 3 === 0 ? ["fm1", "fm2"] : i % 3 === 1 ? ["fm2"] : [] })),
  });

  it("a GameDay exports and imports back: goals, failure modes with estimates, experiments and their links; no runs, no people", () => {
    expect(experiments.length).toBe(30);
    const text = documentsToYaml([template]);
    expect(Object.keys(parse(text).spec)).toEqual(["goals", "systemUnderTest", "failureModes", "experiments"]);
    const parsed = parseGameDayTemplate(read(text), { scheduledFor: when, clusterId: "cluster1" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.template.gameDay).toEqual({ title: "Checkout resilience", goals: "Learn how checkout fails", systemUnderTest: "checkout" });
    expect(parsed.template.failureModes[0]).toMatchObject({ title: "Checkout pod dies", estimate: { severity: 2, alertExpected: true, fleetSize: 40, mtbfDays: 30, timeToRecoverMin: null } });
    expect(parsed.template.experiments.map((e) => e.failureModes)).toEqual(experiments.map((_, i) => (i % 3 === 0 ? ["Checkout pod dies", "Zone outage"] : i % 3 === 1 ? ["Zone outage"] : [])));
    // The cluster picked when importing applies to every experiment (the editor also keeps one on a people experiment).
    experiments.forEach((e, i) => expect(parsed.template.experiments[i].input).toEqual({ ...e, gameDayId: "template", clusterId: "cluster1" }));
  });

  it("refuses runs or people, links to unknown failure modes, duplicate titles and bad estimates, each on its line", { timeout: 60_000 }, () => {
    const bad = structuredClone(template) as unknown as { spec: Record<string, unknown> & { failureModes: Record<string, unknown>[]; experiments: Record<string, unknown>[] } };
    bad.spec.participants = [{ email: "a@b.c" }];
    bad.spec.failureModes.push({ title: "Checkout pod dies", description: "", injectionPoint: "containers" });
    (bad.spec.failureModes[0].estimate as Record<string, unknown>).severity = 9;
    bad.spec.experiments[1].failureModes = ["Nope"];
    const text = documentsToYaml([bad]);
    const parsed = parseGameDayTemplate(read(text), { scheduledFor: when, clusterId: "cluster1" });
    expect(parsed.ok).toBe(false);
    const lines = text.split("\n");
    const messages = parsed.ok ? [] : parsed.problems.map((p) => `${lines[p.line - 1]?.trim()} → ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^severity: 9 → Pick a severity from 1 to 5\./),
        expect.stringMatching(/title: Checkout pod dies → Another failure mode is already called/),
        expect.stringMatching(/^- Nope → No failure mode of this template is called "Nope"/),
        expect.stringMatching(/^participants:.*→ Unknown field "spec.participants"/),
      ]),
    );
  });
});
