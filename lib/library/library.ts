import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { findFaultKind } from "@/lib/faults/catalog";
import { authoringCatalog } from "@/lib/experiments/authoring-catalog";
import { experimentSchema } from "@/lib/experiments/schemas";
import { getExperimentOrThrow, saveExperiment } from "@/lib/experiments/experiments";
import { toExperimentDocument } from "@/lib/as-code/experiment-document";
import { BUILTIN_LIBRARY, type LibrarySpec } from "./builtin";
import type { AddFromLibraryInput } from "./schemas";

/** A library entry as the library page shows it (plain data). */
export interface LibraryItemView {
  id: string;
  title: string;
  source: string;
  summary: string;
  needs: string[];
  faults: string[];
  /** Every fault kind has a driver here (people games always do). */
  runnable: boolean;
  /** Runs against a cluster (a cluster must be picked when adding it). */
  cluster: boolean;
  /** The entry targets a namespace and label selector the person adding it may change. */
  targetsService: boolean;
  namespace: string;
  labelSelector: string;
  durationSec: number;
  savedBy: string | null;
}

type Spec = LibrarySpec;

// A saved document is re-validated by the editor's schema when used; this only checks its outline.
const storedDocument = z.object({ spec: z.looseObject({ hypothesis: z.string(), durationSec: z.number(), faults: z.array(z.object({ kind: z.string(), params: z.record(z.string(), z.unknown()).optional() })) }) });
const storedSpec = (doc: unknown): Spec => storedDocument.parse(doc).spec as Spec;

function view(id: string, title: string, source: string, summary: string, needs: string[], spec: Spec, savedBy: string | null): LibraryItemView {
  // Every kind in the registry can run (people kinds as timed manual experiments); an unknown kind cannot.
  const runnable = new Set(authoringCatalog().map((c) => c.kind));
  const cluster = spec.faults.some((f) => findFaultKind(f.kind)?.backend !== "people");
  const targets = spec.targets ?? {};
  return {
    id,
    title,
    source,
    summary,
    needs,
    faults: spec.faults.map((f) => findFaultKind(f.kind)?.label ?? f.kind),
    runnable: spec.faults.every((f) => runnable.has(f.kind)),
    cluster,
    targetsService: cluster && (targets.labelSelector ?? "") !== "",
    namespace: targets.namespace ?? "",
    labelSelector: targets.labelSelector ?? "",
    durationSec: spec.durationSec,
    savedBy,
  };
}

/** The built-in classics and the team's own saved experiments. */
export async function listLibrary(user: SessionUser): Promise<{ builtin: LibraryItemView[]; saved: LibraryItemView[] }> {
  const rows = await db.libraryExperiment.findMany({ where: { teamId: user.teamId }, orderBy: { createdAt: "desc" } });
  return {
    builtin: BUILTIN_LIBRARY.map((e) => view(e.id, e.title, e.source, e.summary, e.needs, e.spec, null)),
    saved: rows.map((r) => {
      return view(`saved:${r.id}`, r.title, "Saved by your team", r.description, [], storedSpec(r.document), r.createdByName);
    }),
  };
}

async function entrySpec(user: SessionUser, entryId: string): Promise<{ title: string; spec: Spec }> {
  if (entryId.startsWith("saved:")) {
    const row = await db.libraryExperiment.findFirst({ where: { id: entryId.slice("saved:".length), teamId: user.teamId } });
    if (!row) throw notFound("Library experiment");
    return { title: row.title, spec: storedSpec(row.document) };
  }
  const e = BUILTIN_LIBRARY.find((x) => x.id === entryId);
  if (!e) throw notFound("Library experiment");
  return { title: e.title, spec: e.spec };
}

/**
 * Adds a library experiment to a GameDay in one step: the entry's spec, with
 * the namespace and label selector given (when it targets a service) and the
 * cluster picked, validated and saved exactly as the editor saves.
 */
export async function addFromLibrary(user: SessionUser, input: AddFromLibraryInput): Promise<{ id: string; gameDayId: string }> {
  const { title, spec } = await entrySpec(user, input.entryId);
  const targets = { ...(spec.targets ?? {}), ...(input.namespace !== undefined ? { namespace: input.namespace } : {}), ...(input.labelSelector !== undefined && (spec.targets?.labelSelector ?? "") !== "" ? { labelSelector: input.labelSelector } : {}) };
  const parsed = experimentSchema.safeParse({ ...spec, targets, title, gameDayId: input.gameDayId, clusterId: input.clusterId });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path.at(-1) ?? "");
    throw new AppError({ code: "BAD_INPUT", message: issue.message, fieldErrors: { [["clusterId", "namespace", "labelSelector"].includes(field) ? field : "entryId"]: issue.message } });
  }
  const { id } = await saveExperiment(user, parsed.data);
  await auditBy(user, "library.added", { type: "experiment", id }, { entryId: input.entryId });
  return { id, gameDayId: input.gameDayId };
}

/** Saves an experiment into the team's library, as a Firedrill Experiment document. */
export async function saveToLibrary(user: SessionUser, input: { experimentId: string; description: string }): Promise<{ id: string; gameDayId: string }> {
  const e = await getExperimentOrThrow(user, input.experimentId);
  const row = await db.libraryExperiment.create({ data: { teamId: user.teamId, title: e.title, description: input.description || e.hypothesis, document: toExperimentDocument(e) as never, createdById: user.id, createdByName: user.name } });
  await auditBy(user, "library.saved", { type: "library", id: row.id }, { experimentId: e.id, title: e.title });
  return { id: row.id, gameDayId: e.gameDayId };
}

/** Removes a saved experiment from the library (the one who saved it, or a facilitator). */
export async function deleteLibraryEntry(user: SessionUser, libraryId: string): Promise<void> {
  const row = await db.libraryExperiment.findFirst({ where: { id: libraryId, teamId: user.teamId } });
  if (!row) throw notFound("Library experiment");
  if (row.createdById !== user.id && !can(user.role, "facilitate")) throw forbidden("Only the person who saved it or a facilitator can remove it.");
  await db.libraryExperiment.delete({ where: { id: row.id } });
  await auditBy(user, "library.deleted", { type: "library", id: row.id }, { title: row.title });
}
