"use server";

import { defineAction } from "@/app/_server/action";
import { createShareLink, revokeShareLink } from "@/lib/reports/share-links";
import { createShareLinkSchema, revokeShareLinkSchema } from "@/lib/reports/schemas";

export const createShareLinkAction = defineAction({
  schema: createShareLinkSchema,
  permission: "facilitate",
  run: (input, user) => createShareLink(user, input),
  revalidate: (i) => `/gamedays/${i.gameDayId}/report`,
});

export const revokeShareLinkAction = defineAction({
  schema: revokeShareLinkSchema,
  permission: "facilitate",
  run: (input, user) => revokeShareLink(user, input.shareId),
  revalidate: (_i, r) => `/gamedays/${r.gameDayId}/report`,
});
