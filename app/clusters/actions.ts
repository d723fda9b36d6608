"use server";

import { z } from "zod";
import { defineAction } from "@/app/_server/action";
import { createConnection, createConnectionSchema, deleteConnection, guardrailsFormSchema, saveGuardrails } from "@/lib/k8s/connections";
import { guardrailsSchema } from "@/lib/k8s/guardrails";
import { testConnection } from "@/lib/k8s/test-connection";
import { idSchema } from "@/lib/gameday/schemas";
import { stopEverything } from "@/lib/runs/runs";
import { AppError } from "@/lib/errors";

const list = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

export const createClusterAction = defineAction({
  schema: createConnectionSchema,
  permission: "administer",
  run: (input, user) => createConnection(user, input),
  revalidate: () => "/clusters",
});

export const testClusterAction = defineAction({
  schema: z.object({ clusterId: idSchema, namespace: z.string().trim().max(63).default("") }),
  permission: "facilitate",
  run: (input, user) => testConnection(user, input.clusterId, input.namespace),
});

export const saveGuardrailsAction = defineAction({
  schema: guardrailsFormSchema,
  permission: "administer",
  run: async (input, user) => {
    const parsed = guardrailsSchema.safeParse({
      allowedNamespaces: list(input.allowedNamespaces),
      protectedNamespaces: list(input.protectedNamespaces),
      protectedLabels: list(input.protectedLabels),
      maxTargets: input.maxTargets,
      maxDurationSec: input.maxDurationSec,
      allowedImages: input.allowedImages === undefined ? undefined : list(input.allowedImages),
      probeHosts: input.probeHosts === undefined ? undefined : list(input.probeHosts),
    });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
      throw new AppError({ code: "BAD_INPUT", message: "Please fix the highlighted fields.", fieldErrors });
    }
    await saveGuardrails(user, input.clusterId, parsed.data);
  },
  revalidate: () => "/clusters",
  success: "Guardrails saved.",
});

export const deleteClusterAction = defineAction({
  schema: z.object({ clusterId: idSchema }),
  permission: "administer",
  run: (input, user) => deleteConnection(user, input.clusterId),
  revalidate: () => "/clusters",
});

export const stopClusterAction = defineAction({
  schema: z.object({ clusterId: idSchema }),
  permission: "facilitate",
  run: (input, user) => stopEverything(user, { clusterId: input.clusterId }),
  revalidate: () => "/clusters",
  success: "Every run on this cluster was stopped and its faults reverted.",
});
