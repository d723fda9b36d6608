import { arr, labelsToSelector, Mapper, MIN_DURATION_SEC, DEFAULT_DURATION_SEC, num, obj, str } from "./mapping";
import { parseGoDuration } from "./durations";

type Path = (string | number)[];

const WHY_SELECTOR = "Firedrill's Chaos Mesh faults choose pods by one namespace and a label selector only.";

/** kubectl-style terms for Chaos Mesh's expressionSelectors (Kubernetes LabelSelectorRequirements). */
function expressionTerms(m: Mapper, path: Path, list: unknown[]): string[] {
  const out: string[] = [];
  list.forEach((raw, i) => {
    const e = obj(raw);
    const key = str(e.key);
    const values = arr(e.values).map(String);
    const op = str(e.operator);
    if (key && op === "In") out.push(`${key} in (${values.join(",")})`);
    else if (key && op === "NotIn") out.push(`${key} notin (${values.join(",")})`);
    else if (key && op === "Exists") out.push(key);
    else if (key && op === "DoesNotExist") out.push(`!${key}`);
    else m.skip([...path, i], raw, "Not a label selector requirement (key, operator In/NotIn/Exists/DoesNotExist, values).");
  });
  return out;
}

/**
 * Chaos Mesh's common fields — selector, mode/value, duration — as Firedrill
 * targets and duration. Everything else of the selector is listed as unmapped.
 */
export function mapChaosMeshCommon(m: Mapper, spec: Record<string, unknown>, base: Path, metadataNamespace: string | undefined, notes: string[], origins: Record<string, Path>) {
  const sel = obj(spec.selector);
  const selPath = [...base, "selector"];
  const namespaces = arr(sel.namespaces).map(String);
  const namespace = namespaces[0] ?? metadataNamespace ?? "";
  if (namespaces.length > 1) m.skip([...selPath, "namespaces", 1], namespaces.slice(1), "A Firedrill experiment targets one namespace: the first one was kept.");
  if (!namespaces.length && metadataNamespace) notes.push(`No selector.namespaces: Chaos Mesh defaults to the object's own namespace, ${metadataNamespace}.`);
  if (namespaces.length) origins["targets.namespace"] = [...selPath, "namespaces", 0];
  const terms = [
    ...(Object.keys(obj(sel.labelSelectors)).length ? [labelsToSelector(obj(sel.labelSelectors))] : []),
    ...expressionTerms(m, [...selPath, "expressionSelectors"], arr(sel.expressionSelectors)),
  ];
  origins["targets.labelSelector"] = [...selPath, sel.labelSelectors ? "labelSelectors" : "expressionSelectors"];
  m.skipOthers(selPath, sel, ["namespaces", "labelSelectors", "expressionSelectors"], () => WHY_SELECTOR);

  const mode = str(spec.mode) ?? "one";
  const value = num(spec.value);
  let sample: { mode: string; value: number } = { mode: "all", value: 0 };
  if (mode === "one") sample = { mode: "count", value: 1 };
  else if (mode === "fixed" && value !== undefined) sample = { mode: "count", value };
  else if (mode === "fixed-percent" && value !== undefined) sample = { mode: "percent", value };
  else if (mode === "random-max-percent" && value !== undefined) {
    sample = { mode: "percent", value };
    notes.push(`random-max-percent ${value}: Chaos Mesh picks up to ${value} % at random; Firedrill picks exactly ${value} %.`);
  } else if (mode !== "all") m.skip([...base, "mode"], { mode, value: spec.value }, `Mode "${mode}" with value ${String(spec.value)} is not one Firedrill knows (one, all, fixed, fixed-percent, random-max-percent): all matched pods are selected.`);
  origins["targets.sample.value"] = [...base, "value"];
  origins["targets.sample.mode"] = [...base, "mode"];

  const durationMs = typeof spec.duration === "string" ? parseGoDuration(spec.duration) : undefined;
  let durationSec = DEFAULT_DURATION_SEC;
  if (spec.duration === undefined) notes.push(`No duration: the run lasts ${DEFAULT_DURATION_SEC} s (change it in the editor).`);
  else if (durationMs === undefined) m.skip([...base, "duration"], spec.duration, `Not a duration; the run lasts ${DEFAULT_DURATION_SEC} s.`);
  else if (durationMs / 1000 < MIN_DURATION_SEC) {
    durationSec = MIN_DURATION_SEC;
    notes.push(`duration ${String(spec.duration)} is under Firedrill's minimum: the run lasts ${MIN_DURATION_SEC} s.`);
  } else durationSec = Math.ceil(durationMs / 1000);
  origins.durationSec = [...base, "duration"];
  if (spec.remoteCluster !== undefined) m.skip([...base, "remoteCluster"], spec.remoteCluster, "Firedrill runs the fault on the cluster you pick when importing.");

  return { targets: { namespace, labelSelector: terms.join(","), sample }, durationSec };
}
