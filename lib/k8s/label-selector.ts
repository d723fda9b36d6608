import { AppError } from "@/lib/errors";

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

/**
 * Parses a kubectl-style label selector ("app=checkout,tier!=db,env in (a,b),!canary")
 * into the structured form objects like NetworkPolicy need.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector["matchExpressions"]> = [];
  // Split on commas that are not inside parentheses.
  const parts = text.split(/,(?![^(]*\))/).map((p) => p.trim()).filter(Boolean);
  for (const p of parts) {
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/i))) {
      matchExpressions.push({ key: m[1], operator: m[2].toLowerCase() === "in" ? "In" : "NotIn", values: m[3].split(",").map((v) => v.trim()).filter(Boolean) });
    } else if ((m = p.match(/^([\w./-]+)\s*!=\s*([\w.-]*)$/))) {
      matchExpressions.push({ key: m[1], operator: "NotIn", values: [m[2]] });
    } else if ((m = p.match(/^([\w./-]+)\s*==?\s*([\w.-]*)$/))) {
      matchLabels[m[1]] = m[2];
    } else if ((m = p.match(/^!([\w./-]+)$/))) {
      matchExpressions.push({ key: m[1], operator: "DoesNotExist" });
    } else if ((m = p.match(/^([\w./-]+)$/))) {
      matchExpressions.push({ key: m[1], operator: "Exists" });
    } else {
      throw new AppError({ code: "BAD_INPUT", message: `"${p}" is not a label selector term (try key=value).`, fieldErrors: { "targets.labelSelector": `Cannot read "${p}".` } });
    }
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}
