import { describe, expect, it } from "vitest";
import { XMLValidator } from "fast-xml-parser";
import { buildJUnit } from "./junit";
import { judgeFault, judgeRun } from "./judge-run";
import type { FaultResult, ProbeResult, RunResults } from "./schemas";

const probe = (verdict: ProbeResult["verdict"], name = "Error ratio"): ProbeResult => ({ name, role: "steadyState", rule: "< 0.01 over 60 s", verdict, detail: verdict });
const fault = (state: string, confirmation: FaultResult["confirmation"] = null, terminal = true): FaultResult => ({ kind: "pod-kill", label: "Kill pods", target: "Pod demo/checkout-1", state, confirmation, ...judgeFault(state, confirmation, terminal) });

function results(status: string, probes: ProbeResult[], faults: FaultResult[]): RunResults {
  const terminal = ["completed", "aborted", "failed"].includes(status);
  const { verdict, reasons } = judgeRun({ status, terminal, endReason: status === "aborted" ? "Abort condition tripped" : null, probes, faults });
  return { run: { id: "run1", status: status as never, terminal, experimentId: "e1", gameDayId: "g1", experimentTitle: 'Kill <one> & "pod"', hypothesis: "h", startedAt: "2026-01-01T00:00:00.000Z", endsAt: null, endedAt: terminal ? "2026-01-01T00:01:00.000Z" : null }, verdict, reasons, probes, faults, metrics: { state: "snapshot", complete: true } };
}

const count = (xml: string, attr: string) => Number(new RegExp(`<testsuite [^>]*${attr}="(\\d+)"`).exec(xml)![1]);

describe("verdicts and JUnit", () => {
  it("a completed run whose probes held passes: one case for the run, each probe and each fault target", () => {
    const r = results("completed", [probe("passed"), probe("passed", "p99")], [fault("reverted"), fault("reverted")]);
    expect(r.verdict).toBe("passed");
    const xml = buildJUnit(r);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect([count(xml, "tests"), count(xml, "failures"), count(xml, "errors")]).toEqual([5, 0, 0]);
    expect(xml).toContain('name="Kill &lt;one&gt; &amp; &quot;pod&quot;"');
    expect(xml).toContain('<property name="firedrill.verdict" value="passed"/>');
  });

  it("a broken probe or an abort fails the build; a fault that never applied is an error (inconclusive)", () => {
    const broke = results("completed", [probe("failed")], [fault("reverted")]);
    expect(broke.verdict).toBe("failed");
    expect(count(buildJUnit(broke), "failures")).toBe(1);
    const aborted = results("aborted", [probe("passed")], [fault("reverted")]);
    expect(aborted.verdict).toBe("failed");
    expect(aborted.reasons[0]).toMatch(/aborted: Abort condition tripped/);
    const notApplied = results("completed", [probe("passed")], [fault("apply-failed")]);
    expect(notApplied.verdict).toBe("inconclusive");
    expect([count(buildJUnit(notApplied), "failures"), count(buildJUnit(notApplied), "errors")]).toEqual([0, 1]);
    const noData = results("completed", [probe("no-data")], [fault("reverted")]);
    expect(noData.verdict).toBe("inconclusive");
  });

  it("a fault left behind fails; a live run is pending and its cases are skipped", () => {
    expect(results("completed", [], [fault("failed")]).verdict).toBe("failed");
    const live = results("running", [probe("passed")], [fault("applied", null, false)]);
    expect(live.verdict).toBe("pending");
    expect(count(buildJUnit(live), "skipped")).toBe(2);
  });

  it("per-target confirmation plugs in: not confirmed makes the fault's case an error, confirmed says so", () => {
    const unconfirmed = results("completed", [probe("passed")], [fault("reverted", { state: "not-confirmed", reason: "the pod was still Running" })]);
    expect(unconfirmed.verdict).toBe("inconclusive");
    const xml = buildJUnit(unconfirmed);
    expect(xml).toMatch(/<error message="The cluster did not show the fault in effect: the pod was still Running"/);
    const confirmed = buildJUnit(results("completed", [], [fault("reverted", { state: "confirmed", reason: "pod gone" })]));
    expect(confirmed).toContain("Confirmation: confirmed (pod gone)");
    expect(count(confirmed, "errors")).toBe(0);
  });
});
