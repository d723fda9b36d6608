import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/auth/secret-token";
import { sourceForExperiment } from "@/lib/metrics/sources";
import { runMarkers } from "@/lib/metrics/run-window";
import { experimentOfRun } from "@/lib/runs/lifecycle/frozen-experiment";
import { WATCH_AFTER_END_SEC } from "./record-run-alerts";
import { noteAlerts } from "./note-alerts";

const labelSet = z.record(z.string().max(200), z.string().max(2000)).refine((l) => Object.keys(l).length <= 64, "At most 64 labels per alert.");

/** Alertmanager's webhook payload (version 4), as much of it as Firedrill reads. */
export const alertmanagerPayloadSchema = z.object({
  version: z.string().max(10).optional(),
  status: z.enum(["firing", "resolved"]),
  receiver: z.string().max(200).default(""),
  alerts: z
    .array(
      z.object({
        status: z.enum(["firing", "resolved"]),
        labels: labelSet,
        startsAt: z.string().max(64).optional(),
        endsAt: z.string().max(64).optional(),
      }),
    )
    .max(1000),
});

const seconds = (iso: string | undefined) => {
  const t = iso ? Date.parse(iso) : NaN;
  // Alertmanager writes 0001-01-01 for "no end yet".
  return Number.isFinite(t) && t > 0 ? t / 1000 : null;
};

/** The source a receiver token belongs to, or a 401 that says nothing about which sources exist. Checked before the body is read. */
export async function receiverSourceOf(authorization: string | null): Promise<{ id: string; teamId: string; name: string }> {
  const token = /^Bearer\s+(\S{20,200})$/i.exec(authorization ?? "")?.[1];
  const row = token ? await db.metricsSource.findUnique({ where: { receiverTokenHash: hashToken(token) }, select: { id: true, teamId: true, name: true } }) : null;
  if (!row) throw new AppError({ code: "UNAUTHENTICATED", message: "Send the receiver token of a metrics source as a bearer token (Settings → Metrics → Alertmanager receiver)." });
  return row;
}

/**
 * Firedrill's Alertmanager receiver: one notification for the source its
 * receiver token named (receiverSourceOf). Every alert in it is recorded on each run measured
 * with that source that is live or ended less than WATCH_AFTER_END_SEC ago: a
 * firing notification is the moment it paged; a resolved one, when it
 * resolved. Returns how many runs it was recorded on.
 */
export async function receiveAlertmanagerNotification(source: { id: string; teamId: string }, body: unknown, nowMs = Date.now()): Promise<{ runs: number; alerts: number }> {
  const parsed = alertmanagerPayloadSchema.safeParse(body);
  if (!parsed.success) throw new AppError({ code: "BAD_INPUT", message: `Not an Alertmanager webhook payload: ${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message}` });
  const now = nowMs / 1000;
  const candidates = await db.run.findMany({
    where: { startedAt: { not: null }, experiment: { gameDay: { teamId: source.teamId } }, OR: [{ status: { in: ["running", "stopping"] } }, { endedAt: { gte: new Date(nowMs - WATCH_AFTER_END_SEC * 1000) } }] },
    include: { events: { where: { type: { in: ["inject", "stop", "abort", "revert"] } }, orderBy: { at: "asc" } } },
  });
  let runs = 0;
  for (const run of candidates) {
    const measuredWith = await sourceForExperiment(await experimentOfRun(run));
    if (measuredWith?.id !== source.id) continue;
    runs++;
    const injectedAt = runMarkers(run).faultWindow?.from ?? run.startedAt!.getTime() / 1000;
    await noteAlerts(
      run.id,
      injectedAt,
      parsed.data.alerts.map((a) =>
        a.status === "firing" ? { labels: a.labels, firedAt: seconds(a.startsAt), notifiedAt: now } : { labels: a.labels, firedAt: seconds(a.startsAt), resolvedAt: seconds(a.endsAt) ?? now },
      ),
    );
  }
  return { runs, alerts: parsed.data.alerts.length };
}
