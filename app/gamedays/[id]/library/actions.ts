"use server";

import { defineAction } from "@/app/_server/action";
import { addFromLibrary, deleteLibraryEntry } from "@/lib/library/library";
import { addFromLibrarySchema, deleteLibraryEntrySchema } from "@/lib/library/schemas";

export const addFromLibraryAction = defineAction({
  schema: addFromLibrarySchema,
  permission: "contribute",
  run: (input, user) => addFromLibrary(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/experiments`,
});

export const deleteLibraryEntryAction = defineAction({
  schema: deleteLibraryEntrySchema,
  permission: "contribute",
  run: (input, user) => deleteLibraryEntry(user, input.libraryId),
});
