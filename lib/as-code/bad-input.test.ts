import { describe, expect, it } from "vitest";
import { planImport } from "./import-documents";
import { readYaml, YAML_LIMITS } from "./read-yaml";

const ctx = { gameDayId: "gameday1", clusterId: "cluster1" };
const good = `apiVersion: firedrill.dev/v1
kind: Experiment
metadata:
  title: Kill one pod
spec:
  hypothesis: Checkout keeps serving
  durationSec: 60
  faults:
    - kind: pod-kill
  targets:
    namespace: demo
    labelSelector: app=checkout
`;

describe("bad input: a clear message with the line, and nothing to import", () => {
  it("malformed YAML", () => {
    const p = planImport("apiVersion: firedrill.dev/v1\nkind: Experiment\nmetadata: { title: [x\nspec: 1\n", ctx);
    expect(p.ok).toBe(false);
    expect(p.experiments).toEqual([]);
    expect(p.problems[0].line).toBeGreaterThan(0);
    expect(p.problems[0].message).toMatch(/flow|sequence|mapping|indent/i);
  });

  it("duplicate keys, with the line of the second one", () => {
    const p = planImport(good.replace("  durationSec: 60\n", "  durationSec: 60\n  durationSec: 90\n"), ctx);
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual([expect.objectContaining({ line: 8, message: expect.stringMatching(/unique.*each key may appear once/i) })]);
  });

  it("a YAML bomb (nested aliases) is refused before it expands", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const before = process.memoryUsage().heapUsed;
    const p = planImport(levels.join("\n") + "\n", ctx);
    expect(p.ok).toBe(false);
    expect(p.problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/Aliases .* expand too far/) });
    // 9^9 strings would be hundreds of MB; refused, it costs next to nothing.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it("an oversized document is refused before parsing", () => {
    const big = good + "# " + "x".repeat(YAML_LIMITS.maxBytes) + "\n";
    const p = planImport(big, ctx);
    expect(p.ok).toBe(false);
    expect(p.problems[0].message).toMatch(/KiB; the limit is 256 KiB/);
  });

  it("too many documents in one stream", () => {
    const r = readYaml(Array.from({ length: YAML_LIMITS.maxDocuments + 1 }, (_, i) => `n: ${i}`).join("\n---\n"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/At most 50 documents/);
  });

  it("unknown kinds and unknown documents", () => {
    const k = planImport("apiVersion: chaos-mesh.org/v1alpha1\nkind: KernelChaos\nmetadata: { name: k }\nspec: {}\n", ctx);
    expect(k.problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/Chaos Mesh KernelChaos: Firedrill imports PodChaos/) })]);
    const u = planImport("apiVersion: apps/v1\nkind: Deployment\n", ctx);
    expect(u.problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/Unknown kind "Deployment"/) });
    const x = planImport("hello: world\n", ctx);
    expect(x.problems[0].message).toMatch(/Unknown document/);
    const f = planImport(good.replace("firedrill.dev/v1", "firedrill.dev/v9"), ctx);
    expect(f.experiments[0].problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/Unknown apiVersion "firedrill.dev\/v9"/) })]);
    const t = planImport(good.replace("kind: Experiment", "kind: Experimnt"), ctx);
    expect(t.experiments[0].problems[0]).toMatchObject({ line: 2, message: 'Expected kind: Experiment, found "Experimnt".' });
  });

  it("field errors of a Firedrill document sit on their lines; unknown fields are errors, not dropped", () => {
    const p = planImport(good.replace("  durationSec: 60\n", "  durationSec: 5\n  durationSecs: 60\n").replace("    - kind: pod-kill\n", "    - kind: pod-kill\n      params:\n        gracePeriodSeconds: -1\n        forse: true\n"), ctx);
    expect(p.ok).toBe(false);
    expect(p.experiments[0].problems.map((x) => [x.line, x.path])).toEqual([
      [7, "spec.durationSec"],
      [8, "spec.durationSecs"],
      [12, "spec.faults.0.params.gracePeriodSeconds"],
      [13, "spec.faults.0.params.forse"],
    ]);
    expect(planImport(good.replace("kind: pod-kill", "kind: pod-kil"), ctx).experiments[0].problems[0]).toMatchObject({ line: 9, message: 'Unknown fault kind "pod-kil".' });
  });

  it("one bad document in a stream makes the whole import fail (all or nothing)", () => {
    const p = planImport(`${good}---\n${good.replace("durationSec: 60", "durationSec: 1")}`, ctx);
    expect(p.experiments).toHaveLength(2);
    expect(p.experiments[0].input).not.toBeNull();
    expect(p.experiments[1].problems[0].line).toBe(13 + 7);
    expect(p.ok).toBe(false);
  });

  it("a cluster experiment without a cluster is refused as a form error, not a line", () => {
    const p = planImport(good, { gameDayId: "gameday1" });
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual([{ line: 0, column: 0, path: "clusterId", message: "Pick the cluster these faults go to." }]);
  });

  it("a GameDay template pasted on the experiments page is sent to the GameDays page", () => {
    const p = planImport("apiVersion: firedrill.dev/v1\nkind: GameDayTemplate\nmetadata: { title: x }\nspec: {}\n", ctx);
    expect(p.problems[0].message).toMatch(/GameDay template: import it from the GameDays page/);
  });
});
