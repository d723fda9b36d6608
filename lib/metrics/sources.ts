import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { outboundUrlIssue } from "@/lib/outbound/policy";
import { decryptSecret, encryptSecret } from "@/lib/secrets/encrypt";
import { checkbox, idSchema } from "@/lib/gameday/schemas";
import { promBuildInfo, promGet, promQuery, type PromEndpoint } from "./prometheus";
import { alertmanagerStatus } from "@/lib/alerts/read-alertmanager";

export const createSourceSchema = z
  .object({
    name: z.string().trim().min(1, "Name the source.").max(80, "Keep the name under 80 characters."),
    url: z
      .string()
      .trim()
      .max(500)
      .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "Enter Prometheus' base URL, e.g. https://prometheus.example.com.")
      // An in-cluster Prometheus (http://prometheus.monitoring:9090) needs the
      // operator's FIREDRILL_OUTBOUND_ALLOW; the guard checks again at connect time.
      .superRefine((u, ctx) => {
        const issue = URL.canParse(u) ? outboundUrlIssue(u, "metrics") : null;
        if (issue) ctx.addIssue({ code: "custom", message: issue });
      }),
    // Optional: the Alertmanager this Prometheus sends to, read during runs for
    // what it holds (the same outbound policy and credentials as Prometheus).
    alertmanagerUrl: z
      .string()
      .trim()
      .max(500)
      .default("")
      .refine((u) => u === "" || (URL.canParse(u) && /^https?:$/.test(new URL(u).protocol)), "Enter Alertmanager's base URL, e.g. https://alertmanager.example.com, or leave it empty.")
      .superRefine((u, ctx) => {
        const issue = u && URL.canParse(u) ? outboundUrlIssue(u, "metrics") : null;
        if (issue) ctx.addIssue({ code: "custom", message: issue });
      }),
    clusterId: z.preprocess((v) => (v === "" || v === null ? undefined : v), idSchema.optional()),
    authKind: z.enum(["none", "bearer", "basic"]).default("none"),
    token: z.string().max(8000).default(""),
    username: z.string().max(200).default(""),
    password: z.string().max(2000).default(""),
    tlsSkipVerify: checkbox.default(false),
    caCert: z.string().trim().max(20_000).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.authKind === "bearer" && !v.token.trim()) ctx.addIssue({ code: "custom", path: ["token"], message: "Paste the bearer token." });
    if (v.authKind === "basic" && !v.username.trim()) ctx.addIssue({ code: "custom", path: ["username"], message: "Enter the user name." });
    if (v.caCert && !v.caCert.includes("BEGIN CERTIFICATE")) ctx.addIssue({ code: "custom", path: ["caCert"], message: "Paste a PEM certificate (-----BEGIN CERTIFICATE-----…)." });
  });
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

/** A metrics source as the browser may see it: no token, no password. */
export interface SourceView {
  id: string;
  name: string;
  url: string;
  clusterId: string | null;
  clusterName: string | null;
  authKind: string;
  tlsSkipVerify: boolean;
  hasCaCert: boolean;
  alertmanagerUrl: string | null;
  /** Whether Alertmanager's webhook receiver is set up (a token exists; the token itself is shown once only). */
  hasReceiver: boolean;
}

type Row = { id: string; name: string; url: string; clusterId: string | null; authKind: string; tlsSkipVerify: boolean; caCert: string | null; encryptedAuth: string | null };

/** The team's Prometheus sources. */
export async function listSources(user: SessionUser): Promise<SourceView[]> {
  const rows = await db.metricsSource.findMany({ where: { teamId: user.teamId }, include: { cluster: { select: { name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, url: r.url, clusterId: r.clusterId, clusterName: r.cluster?.name ?? null, authKind: r.authKind, tlsSkipVerify: r.tlsSkipVerify, hasCaCert: !!r.caCert, alertmanagerUrl: r.alertmanagerUrl, hasReceiver: !!r.receiverTokenHash }));
}

/** Adds a Prometheus source; credentials are encrypted before they are stored. An address the outbound policy refuses is not saved. */
export async function createSource(user: SessionUser, input: CreateSourceInput): Promise<{ id: string }> {
  const urlIssue = outboundUrlIssue(input.url, "metrics");
  if (urlIssue) throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors: { url: urlIssue } });
  const amIssue = input.alertmanagerUrl ? outboundUrlIssue(input.alertmanagerUrl, "metrics") : null;
  if (amIssue) throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors: { alertmanagerUrl: amIssue } });
  if (input.clusterId && !(await db.clusterConnection.count({ where: { id: input.clusterId, teamId: user.teamId } }))) {
    throw new AppError({ code: "BAD_INPUT", message: "That cluster is not in your team.", fieldErrors: { clusterId: "Pick one of your team's clusters." } });
  }
  const secret = input.authKind === "bearer" ? { token: input.token.trim() } : input.authKind === "basic" ? { username: input.username.trim(), password: input.password } : null;
  const s = await db.metricsSource.create({
    data: { teamId: user.teamId, name: input.name, url: input.url.replace(/\/+$/, ""), alertmanagerUrl: input.alertmanagerUrl ? input.alertmanagerUrl.replace(/\/+$/, "") : null, clusterId: input.clusterId ?? null, authKind: input.authKind, encryptedAuth: secret ? encryptSecret(JSON.stringify(secret)) : null, tlsSkipVerify: input.tlsSkipVerify, caCert: input.caCert || null },
  });
  await auditBy(user, "metrics-source.created", { type: "metrics-source", id: s.id }, { name: input.name, url: input.url, alertmanagerUrl: input.alertmanagerUrl || null, authKind: input.authKind });
  return { id: s.id };
}

/** Removes a source (snapshots already taken stay). */
export async function deleteSource(user: SessionUser, sourceId: string): Promise<void> {
  const { count } = await db.metricsSource.deleteMany({ where: { id: sourceId, teamId: user.teamId } });
  if (!count) throw notFound("Metrics source");
  await auditBy(user, "metrics-source.deleted", { type: "metrics-source", id: sourceId });
}

/** How to reach a stored source (server only: decrypts the credentials). */
export function endpointOf(row: Row): PromEndpoint {
  const secret = row.encryptedAuth ? (JSON.parse(decryptSecret(row.encryptedAuth)) as { token?: string; username?: string; password?: string }) : {};
  const auth: PromEndpoint["auth"] =
    row.authKind === "bearer" ? { kind: "bearer", token: secret.token ?? "" } : row.authKind === "basic" ? { kind: "basic", username: secret.username ?? "", password: secret.password ?? "" } : { kind: "none" };
  return { url: row.url, auth, tlsSkipVerify: row.tlsSkipVerify, caCert: row.caCert };
}

export interface SourceTestReport {
  ok: boolean;
  version?: string;
  /** How many targets `up` reports, as proof a query ran. */
  targetsUp?: number;
  ms?: number;
  error?: string;
  /** Alerting rules this Prometheus has loaded: what a run can see fire. */
  alertingRules?: number;
  /** The source's Alertmanager, when it names one. */
  alertmanager?: { ok: true; version: string } | { ok: false; message: string };
}

/** "Test": Prometheus' version (buildinfo) and one real query. */
export async function testSource(user: SessionUser, sourceId: string): Promise<SourceTestReport> {
  const row = await db.metricsSource.findFirst({ where: { id: sourceId, teamId: user.teamId } });
  if (!row) throw notFound("Metrics source");
  const ep = endpointOf(row);
  const info = await promBuildInfo(ep);
  if (!info.ok) return { ok: false, error: info.message };
  const up = await promQuery(ep, "sum(up)");
  if (!up.ok) return { ok: false, version: info.data.version, error: up.message };
  const [rules, am] = await Promise.all([promGet(ep, "api/v1/rules?type=alert"), row.alertmanagerUrl ? alertmanagerStatus(row.alertmanagerUrl, ep) : Promise.resolve(undefined)]);
  const groups = rules.ok ? ((rules.data as { groups?: { rules?: unknown[] }[] }).groups ?? []) : [];
  return { ok: true, version: info.data.version, targetsUp: up.data.value ?? 0, ms: info.ms + up.ms, alertingRules: groups.reduce((n, g) => n + (g.rules?.length ?? 0), 0), ...(am ? { alertmanager: am } : {}) };
}

/**
 * The Prometheus an experiment is measured with: the source tied to its
 * cluster, otherwise the team's default (a source tied to no cluster, the
 * oldest first). Null when the team has none.
 */
export async function sourceFor(teamId: string, clusterId: string | null): Promise<{ id: string; name: string; endpoint: PromEndpoint; alertmanagerUrl: string | null; hasReceiver: boolean } | null> {
  const rows = await db.metricsSource.findMany({ where: { teamId, OR: [...(clusterId ? [{ clusterId }] : []), { clusterId: null }] }, orderBy: { createdAt: "asc" } });
  const row = rows.find((r) => clusterId && r.clusterId === clusterId) ?? rows.find((r) => r.clusterId === null);
  return row ? { id: row.id, name: row.name, endpoint: endpointOf(row), alertmanagerUrl: row.alertmanagerUrl, hasReceiver: !!row.receiverTokenHash } : null;
}

/** The source for an experiment, by its GameDay's team and its cluster. */
export async function sourceForExperiment(experiment: { gameDayId: string; clusterId: string | null }) {
  const gd = await db.gameDay.findUnique({ where: { id: experiment.gameDayId }, select: { teamId: true } });
  return gd ? sourceFor(gd.teamId, experiment.clusterId) : null;
}
