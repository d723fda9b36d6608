import "server-only";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { experimentRow } from "@/lib/experiments/experiments";
import { validateProbes } from "@/lib/metrics/validate-probes";
import { planImport, type ImportPlan } from "./import-documents";
import type { DocumentProblem } from "./document-problems";

/** What an import created. */
export interface ImportOutcome {
  created: { id: string; title: string }[];
  plan: ImportPlan;
}

/** An import refused: the plan (with every problem on its line) travels with the error. */
export class ImportRefused extends AppError {
  constructor(
    readonly plan: ImportPlan,
    message: string,
  ) {
    super({ code: "BAD_INPUT", message, fieldErrors: fieldErrorsOf(plan) });
  }
}

function fieldErrorsOf(plan: ImportPlan): FieldErrors {
  const out: FieldErrors = {};
  for (const p of [...plan.problems, ...plan.experiments.flatMap((e) => e.problems)]) {
    const key = p.path === "clusterId" ? "clusterId" : "text";
    out[key] ??= p.line > 0 ? `Line ${p.line}: ${p.message}` : p.message;
  }
  return out;
}

/** The plan of an import into a GameDay of the member's team, checked against that team (cluster, GameDay). */
export async function previewImport(user: SessionUser, gameDayId: string, text: string, clusterId?: string): Promise<ImportPlan> {
  await getGameDayOrThrow(user, gameDayId);
  if (clusterId && !(await db.clusterConnection.count({ where: { id: clusterId, teamId: user.teamId } }))) {
    throw new AppError({ code: "BAD_INPUT", message: "That cluster connection does not exist in your team.", fieldErrors: { clusterId: "Pick one of your team's clusters." } });
  }
  return planImport(text, { gameDayId, clusterId });
}

/**
 * Imports every experiment of a text into a GameDay, or nothing: the whole
 * plan must be valid, every probe's PromQL accepted by the team's Prometheus
 * (as the editor requires), and then all experiments are created in one
 * transaction.
 */
export async function importExperiments(user: SessionUser, gameDayId: string, text: string, clusterId?: string): Promise<ImportOutcome> {
  const plan = await previewImport(user, gameDayId, text, clusterId);
  if (!plan.ok) throw new ImportRefused(plan, "Nothing was imported: fix the problems listed (each with its line).");
  const inputs = plan.experiments.map((e) => e.input!);
  const promProblems: DocumentProblem[] = [];
  for (const [i, input] of inputs.entries()) {
    const errors = await validateProbes(user.teamId, input.clusterId ?? null, input);
    for (const [field, message] of Object.entries(errors)) promProblems.push({ line: plan.experiments[i].line, column: 1, path: field, message: `${plan.experiments[i].title}: ${field}: ${message}` });
  }
  if (promProblems.length) {
    const refused = { ...plan, ok: false, problems: [...plan.problems, ...promProblems] };
    throw new ImportRefused(refused, "Nothing was imported: not every probe can run as written (each problem is listed).");
  }
  const created = await db.$transaction(async (tx) => {
    const out: { id: string; title: string }[] = [];
    for (const input of inputs) {
      const e = await tx.experiment.create({ data: { ...experimentRow(input), gameDayId, createdById: user.id } });
      out.push({ id: e.id, title: e.title });
    }
    await auditBy(user, "experiment.imported", { type: "gameday", id: gameDayId }, { experiments: out.map((e) => e.id), tools: plan.tools, unmapped: plan.unmapped.length }, tx);
    return out;
  });
  return { created, plan };
}
