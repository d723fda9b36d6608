import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { auditBy } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { decryptSecret, encryptSecret } from "@/lib/secrets/encrypt";
import { idSchema } from "@/lib/gameday/schemas";
import { makeClusterClient, type ClusterClient } from "./client";
import { DEFAULT_GUARDRAILS, guardrailsSchema, type Guardrails } from "./guardrails";
import { loadKubeConfig, parseKubeconfig } from "./kubeconfig";

export const createConnectionSchema = z
  .object({
    name: z.string().trim().min(1, "Name the cluster.").max(80, "Keep the name under 80 characters."),
    source: z.enum(["kubeconfig", "in-cluster"]).default("kubeconfig"),
    kubeconfig: z.string().max(200_000, "That kubeconfig is too large.").default(""),
    context: z.string().trim().max(253).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.source === "kubeconfig" && !v.kubeconfig.trim()) ctx.addIssue({ code: "custom", path: ["kubeconfig"], message: "Paste or upload a kubeconfig." });
  });

export const guardrailsFormSchema = z.object({
  clusterId: idSchema,
  allowedNamespaces: z.string().max(10_000, "That list is too long.").default(""),
  protectedNamespaces: z.string().max(10_000, "That list is too long.").default(""),
  protectedLabels: z.string().max(10_000, "That list is too long.").default(""),
  maxTargets: z.coerce.number({ error: "Enter a number." }),
  maxDurationSec: z.coerce.number({ error: "Enter a number of seconds." }),
  /** Absent: the default images (an older form, a script); empty: no fault image is allowed. */
  allowedImages: z.string().max(10_000, "That list is too long.").optional(),
  /** Absent or empty: HTTP probes may call no host. */
  probeHosts: z.string().max(10_000, "That list is too long.").optional(),
});

/** A connection as the browser may see it: no kubeconfig, no token. */
export interface ConnectionView {
  id: string;
  name: string;
  server: string;
  context: string | null;
  inCluster: boolean;
  guardrails: Guardrails;
  createdAt: string;
}

function toView(c: { id: string; name: string; server: string; context: string | null; inCluster: boolean; guardrails: unknown; createdAt: Date }): ConnectionView {
  return { id: c.id, name: c.name, server: c.server, context: c.context, inCluster: c.inCluster, guardrails: guardrailsSchema.parse(c.guardrails ?? {}), createdAt: c.createdAt.toISOString() };
}

/** The team's cluster connections. */
export async function listConnections(user: SessionUser): Promise<ConnectionView[]> {
  const rows = await db.clusterConnection.findMany({ where: { teamId: user.teamId }, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

/** One connection of the team, or NOT_FOUND. */
export async function getConnectionOrThrow(user: SessionUser, clusterId: string): Promise<ConnectionView> {
  const c = await db.clusterConnection.findFirst({ where: { id: clusterId, teamId: user.teamId } });
  if (!c) throw notFound("Cluster connection");
  return toView(c);
}

/**
 * Adds a cluster from a kubeconfig (one of its contexts) or the in-cluster
 * service account. The kubeconfig is encrypted before it is stored.
 */
export async function createConnection(user: SessionUser, input: z.infer<typeof createConnectionSchema>): Promise<{ id: string }> {
  let server = "in-cluster";
  let context: string | null = null;
  let encrypted: string | null = null;
  if (input.source === "kubeconfig") {
    const summary = parseKubeconfig(input.kubeconfig);
    context = input.context || summary.currentContext;
    if (!summary.contexts.some((c) => c.name === context)) {
      throw new AppError({ code: "BAD_INPUT", message: `The kubeconfig has no context "${context}".`, fieldErrors: { context: `Pick one of: ${summary.contexts.map((c) => c.name).join(", ")}.` } });
    }
    server = loadKubeConfig({ kubeconfig: input.kubeconfig, context, inCluster: false }).getCurrentCluster()?.server ?? "";
    encrypted = encryptSecret(input.kubeconfig);
  }
  const c = await db.clusterConnection.create({
    data: { teamId: user.teamId, name: input.name, inCluster: input.source === "in-cluster", encryptedConfig: encrypted, context, server, guardrails: DEFAULT_GUARDRAILS as never },
  });
  await auditBy(user, "cluster.created", { type: "cluster", id: c.id }, { name: input.name, server });
  return { id: c.id };
}

/** Replaces a cluster's guardrails. */
export async function saveGuardrails(user: SessionUser, clusterId: string, g: Guardrails): Promise<void> {
  await getConnectionOrThrow(user, clusterId);
  await db.clusterConnection.update({ where: { id: clusterId }, data: { guardrails: g as never } });
  await auditBy(user, "cluster.guardrails", { type: "cluster", id: clusterId }, g as unknown as Record<string, unknown>);
}

/** Removes a connection that no run is using right now. */
export async function deleteConnection(user: SessionUser, clusterId: string): Promise<void> {
  await getConnectionOrThrow(user, clusterId);
  const open = await db.ledgerEntry.count({ where: { clusterId, state: { notIn: ["reverted"] } } });
  if (open > 0) throw new AppError({ code: "CONFLICT", message: "Faults from this cluster's runs are not all reverted yet. Stop everything first." });
  await db.clusterConnection.delete({ where: { id: clusterId } });
  await auditBy(user, "cluster.deleted", { type: "cluster", id: clusterId });
}

/** API clients for a stored connection (server only: decrypts the kubeconfig). */
export async function clientForCluster(clusterId: string): Promise<{ client: ClusterClient; guardrails: Guardrails; name: string }> {
  const c = await db.clusterConnection.findUnique({ where: { id: clusterId } });
  if (!c) throw notFound("Cluster connection");
  const kc = loadKubeConfig({ kubeconfig: c.encryptedConfig ? decryptSecret(c.encryptedConfig) : null, context: c.context, inCluster: c.inCluster });
  return { client: makeClusterClient(kc), guardrails: guardrailsSchema.parse(c.guardrails ?? {}), name: c.name };
}
