import type { FaultResult, ProbeResult, RunResults } from "./schemas";

const escapeXml = (s: string) =>
  // Also drops characters XML 1.0 cannot carry at all.
  s.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/gu, "").replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

interface Case {
  classname: string;
  name: string;
  outcome: "passed" | "failure" | "error" | "skipped";
  message: string;
  output: string;
}

const outcomeOf = (v: string): Case["outcome"] => (v === "passed" ? "passed" : v === "failed" ? "failure" : v === "pending" ? "skipped" : "error");

/** One test case per probe: it fails when the probe broke while the fault was on. */
export function probeCase(p: ProbeResult): Case {
  return { classname: `firedrill.${p.role === "steadyState" ? "steady-state" : "abort-condition"}`, name: `${p.name} (${p.rule})`, outcome: p.verdict === "no-data" ? "error" : outcomeOf(p.verdict), message: p.detail, output: p.detail };
}

/**
 * One test case per fault and target. The fault's verdict already folds in
 * whether the cluster confirmed it (FaultResult.confirmation): when per-target
 * confirmation arrives, a "not-confirmed" fault becomes an error here with no
 * change to this builder.
 */
export function faultCase(f: FaultResult): Case {
  const confirmation = f.confirmation ? ` Confirmation: ${f.confirmation.state} (${f.confirmation.reason}).` : "";
  return { classname: `firedrill.fault.${f.kind}`, name: `${f.label} → ${f.target}`, outcome: outcomeOf(f.verdict), message: f.detail, output: `State: ${f.state}.${confirmation} ${f.detail}` };
}

function runCase(r: RunResults): Case {
  const ok = r.run.status === "completed";
  const pending = !r.run.terminal;
  return { classname: "firedrill.run", name: "Run ends without abort or failure", outcome: pending ? "skipped" : ok ? "passed" : "failure", message: `Run ${r.run.status}.`, output: r.reasons.join("\n") };
}

const seconds = (r: RunResults) => (r.run.startedAt && r.run.endedAt ? Math.max(0, (Date.parse(r.run.endedAt) - Date.parse(r.run.startedAt)) / 1000) : 0);

function caseXml(c: Case): string {
  const head = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}">`;
  const body =
    c.outcome === "passed"
      ? ""
      : c.outcome === "skipped"
        ? `\n      <skipped message="${escapeXml(c.message)}"/>`
        : `\n      <${c.outcome} message="${escapeXml(c.message)}" type="${c.outcome === "failure" ? "firedrill.failed" : "firedrill.inconclusive"}">${escapeXml(c.message)}</${c.outcome}>`;
  return `${head}${body}\n      <system-out>${escapeXml(c.output)}</system-out>\n    </testcase>`;
}

/**
 * A run's results as a JUnit XML report, one test suite per run: a case for
 * the run itself, one per probe and one per fault and target. Failures are
 * what the experiment disproved; errors what left it inconclusive; skipped
 * while it still runs. CI systems fail the build on either.
 */
export function buildJUnit(r: RunResults): string {
  const cases = [runCase(r), ...r.probes.map(probeCase), ...r.faults.map(faultCase)];
  const count = (o: Case["outcome"]) => cases.filter((c) => c.outcome === o).length;
  const attrs = `tests="${cases.length}" failures="${count("failure")}" errors="${count("error")}" skipped="${count("skipped")}" time="${seconds(r).toFixed(3)}"`;
  const props = [
    ["firedrill.run", r.run.id],
    ["firedrill.experiment", r.run.experimentId],
    ["firedrill.status", r.run.status],
    ["firedrill.verdict", r.verdict],
    ...r.reasons.map((x) => ["firedrill.reason", x]),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Firedrill" ${attrs}>`,
    `  <testsuite name="${escapeXml(r.run.experimentTitle)}" id="${escapeXml(r.run.id)}" ${attrs} timestamp="${escapeXml(r.run.startedAt ?? "")}" hostname="firedrill">`,
    "    <properties>",
    ...props.map(([k, v]) => `      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`),
    "    </properties>",
    ...cases.map(caseXml),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
