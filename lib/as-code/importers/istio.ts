import { arr, DEFAULT_DURATION_SEC, Mapper, num, obj, str } from "./mapping";
import { parseGoDuration } from "./durations";

type Path = (string | number)[];

/**
 * The fault blocks of an Istio VirtualService: each delay or abort becomes an
 * experiment with Firedrill's Istio fault on that VirtualService (Firedrill
 * patches the live object and restores its routes; the document's routes
 * themselves are not applied).
 */
export function importIstio(m: Mapper, value: Record<string, unknown>): void {
  const meta = obj(value.metadata);
  const name = str(meta.name) ?? "";
  const namespace = str(meta.namespace) ?? "";
  const routes = arr(obj(value.spec).http);
  const faulted = routes.map((r, i) => ({ r: obj(r), i })).filter(({ r }) => r.fault !== undefined);
  if (faulted.length === 0) {
    m.skip(["spec", "http"], obj(value.spec).http ?? null, "No HTTP route of this VirtualService has a fault block: nothing to inject.");
    return;
  }
  for (const { r, i } of faulted) {
    const at: Path = ["spec", "http", i, "fault"];
    const fault = obj(r.fault);
    const label = str(r.name) ? `route "${String(r.name)}"` : `HTTP route ${i + 1}`;
    if (routes.length > 1 || r.match !== undefined) m.skip(["spec", "http", i, "match"], r.match ?? label, `Firedrill adds the fault to every HTTP route of ${name}, not only to ${label}.`);
    m.skipOthers(at, fault, ["delay", "abort"], (k) => `Firedrill's Istio fault does delay and abort only (not ${k}).`);
    for (const type of ["delay", "abort"] as const) {
      const f = obj(fault[type]);
      if (fault[type] === undefined) continue;
      const fp: Path = [...at, type];
      const pct = num(obj(f.percentage).value) ?? num(f.percent);
      const origins: Record<string, Path> = { "faults.0.params.percentage": [...fp, f.percentage !== undefined ? "percentage" : "percent"], "targets.namespace": ["metadata", "namespace"] };
      const notes = [`Firedrill patches the VirtualService ${namespace ? namespace + "/" : ""}${name} in the cluster: it must exist there; its routes are restored exactly at the end.`, "VirtualServices carry no hypothesis or duration: Firedrill wrote a hypothesis and chose " + `${DEFAULT_DURATION_SEC} s.`];
      if (pct === undefined) notes.push("No percentage: Istio applies the fault to every request, so 100 %.");
      const params: Record<string, unknown> = { type, percentage: pct ?? 100 };
      if (type === "delay") {
        origins["faults.0.params.delayMs"] = [...fp, "fixedDelay"];
        const ms = typeof f.fixedDelay === "string" ? parseGoDuration(f.fixedDelay) : undefined;
        params.delayMs = ms ?? f.fixedDelay;
        m.skipOthers(fp, f, ["fixedDelay", "percentage", "percent"], (k) => `Firedrill's delay is a fixed delay (not ${k}).`);
      } else {
        origins["faults.0.params.httpStatus"] = [...fp, "httpStatus"];
        if (f.httpStatus === undefined) {
          m.skip(fp, f, "Firedrill aborts with an HTTP status only (not gRPC or HTTP/2 errors).");
          continue;
        }
        params.httpStatus = f.httpStatus;
        m.skipOthers(fp, f, ["httpStatus", "percentage", "percent"], (k) => `Firedrill aborts with an HTTP status only (not ${k}).`);
      }
      m.add(
        {
          source: `Istio VirtualService ${namespace ? namespace + "/" : ""}${name} (${label}, ${type})`,
          draft: {
            title: `${name}: ${type === "delay" ? `delay ${String(f.fixedDelay)}` : `abort ${String(f.httpStatus)}`} for ${pct ?? 100} % of requests`,
            hypothesis: `Callers of ${arr(obj(value.spec).hosts).join(", ") || name} stay within their error budget while Istio ${type === "delay" ? "delays" : "aborts"} ${pct ?? 100} % of requests.`,
            faults: [{ kind: "istio-fault", params }],
            targets: { namespace, names: name ? [name] : [] },
            durationSec: DEFAULT_DURATION_SEC,
          },
          origins,
          notes,
        },
        fp,
      );
    }
  }
}
