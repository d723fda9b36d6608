import { z } from "zod";
import { createGameDaySchema, idSchema } from "@/lib/gameday/schemas";

/** The form that creates a GameDay from a template: the document, its date, an optional new title and the cluster. */
export const templateRequestSchema = z.object({
  text: z.string().min(1, "Paste or upload a GameDay template.").max(1_000_000, "The document is too large."),
  title: z.string().trim().max(120, "Keep the title under 120 characters.").optional().transform((v) => v || undefined),
  scheduledFor: createGameDaySchema.shape.scheduledFor,
  clusterId: z.preprocess((v) => (v === "" || v === null ? undefined : v), idSchema.optional()),
});
