import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";
import { targetsSchema } from "@/lib/experiments/schemas";

/** A library entry: a built-in id ("pumba-delay-3000ms") or a saved one ("saved:<id>"). */
export const libraryEntryIdSchema = z.string().trim().regex(/^(saved:)?[a-z0-9_-]{1,64}$/i, "Pick an experiment of the library.");

export const addFromLibrarySchema = z.object({
  gameDayId: idSchema,
  entryId: libraryEntryIdSchema,
  clusterId: z.preprocess((v) => (v === "" || v === null ? undefined : v), idSchema.optional()),
  /** Where it runs, when the entry targets a service (prefilled with the entry's own values). */
  namespace: z.preprocess((v) => (v === null ? undefined : v), targetsSchema.shape.namespace.optional()),
  labelSelector: z.preprocess((v) => (v === null ? undefined : v), targetsSchema.shape.labelSelector.optional()),
});
export type AddFromLibraryInput = z.infer<typeof addFromLibrarySchema>;

export const saveToLibrarySchema = z.object({
  experimentId: idSchema,
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
});

export const deleteLibraryEntrySchema = z.object({ libraryId: idSchema });
