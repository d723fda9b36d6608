import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { getGameDayOrThrow } from "@/lib/gameday/gamedays";
import { listEstimates } from "@/lib/gameday/estimates";
import { listExperiments, experimentRow } from "@/lib/experiments/experiments";
import { validateProbes } from "@/lib/metrics/validate-probes";
import { readYaml } from "./read-yaml";
import type { DocumentProblem } from "./document-problems";
import { parseGameDayTemplate, toGameDayTemplate, type GameDayTemplate } from "./gameday-template";

/** A GameDay as a template: goals, failure modes with estimates, experiments; no runs, no people. */
export async function exportGameDayTemplate(user: SessionUser, gameDayId: string): Promise<GameDayTemplate> {
  const g = await getGameDayOrThrow(user, gameDayId);
  const modes = await listEstimates(user, gameDayId);
  const experiments = await listExperiments(user, gameDayId);
  return toGameDayTemplate({
    title: g.title,
    goals: g.goals,
    systemUnderTest: g.systemUnderTest,
    failureModes: modes.map((f) => ({ id: f.id, title: f.title, description: f.description, injectionPoint: f.injectionPoint, ...(f.estimate ? { estimate: f.estimate } : {}) })),
    experiments,
  });
}

/** An import refused with every problem on its line. */
export class TemplateRefused extends AppError {
  constructor(readonly problems: DocumentProblem[]) {
    super({ code: "BAD_INPUT", message: "Nothing was created: fix the problems listed (each with its line).", fieldErrors: Object.fromEntries(problems.slice(0, 1).map((p) => [p.path === "clusterId" ? "clusterId" : "text", p.line ? `Line ${p.line}: ${p.message}` : p.message])) });
  }
}

/**
 * Creates a GameDay from a template, all or nothing: the template must read
 * cleanly, probes must pass the team's Prometheus (as in the editor), then the
 * GameDay (with its creator as the only participant), failure modes,
 * estimates and experiments are written in one transaction.
 */
export async function createGameDayFromTemplate(user: SessionUser, input: { text: string; title?: string; scheduledFor: Date; clusterId?: string }): Promise<{ id: string }> {
  if (input.clusterId && !(await db.clusterConnection.count({ where: { id: input.clusterId, teamId: user.teamId } }))) {
    throw new AppError({ code: "BAD_INPUT", message: "That cluster connection does not exist in your team.", fieldErrors: { clusterId: "Pick one of your team's clusters." } });
  }
  const read = readYaml(input.text);
  if (!read.ok) throw new TemplateRefused(read.problems.map((p) => ({ ...p, path: "" })));
  if (read.documents.length !== 1) throw new TemplateRefused([{ line: read.documents[1].line, column: 1, path: "", message: "A template is one document." }]);
  const parsed = parseGameDayTemplate(read.documents[0], { scheduledFor: input.scheduledFor, clusterId: input.clusterId, title: input.title });
  if (!parsed.ok) throw new TemplateRefused(parsed.problems);
  const t = parsed.template;
  const prom: DocumentProblem[] = [];
  for (const e of t.experiments) {
    for (const [field, message] of Object.entries(await validateProbes(user.teamId, e.input.clusterId ?? null, e.input))) prom.push({ line: 0, column: 0, path: field, message: `${e.input.title}: ${message}` });
  }
  if (prom.length) throw new TemplateRefused(prom);
  return db.$transaction(async (tx) => {
    const g = await tx.gameDay.create({ data: { ...t.gameDay, scheduledFor: input.scheduledFor, teamId: user.teamId, createdById: user.id, participants: { create: { email: user.email, name: user.name, userId: user.id } } } });
    const ids = new Map<string, string>();
    for (const f of t.failureModes) {
      const row = await tx.failureMode.create({ data: { gameDayId: g.id, title: f.title, description: f.description, injectionPoint: f.injectionPoint, authorId: user.id, authorName: user.name } });
      ids.set(f.title, row.id);
      if (f.estimate) await tx.impactEstimate.create({ data: { ...f.estimate, failureModeId: row.id, authorId: user.id } });
    }
    for (const e of t.experiments) {
      const links = [...new Set(e.failureModes)].map((title) => ({ failureModeId: ids.get(title)! }));
      await tx.experiment.create({ data: { ...experimentRow(e.input), gameDayId: g.id, createdById: user.id, failureModes: { create: links } } });
    }
    await auditBy(user, "gameday.created-from-template", { type: "gameday", id: g.id }, { title: t.gameDay.title, failureModes: t.failureModes.length, experiments: t.experiments.length }, tx);
    return { id: g.id };
  });
}
