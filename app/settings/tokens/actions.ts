"use server";

import { defineAction } from "@/app/_server/action";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/tokens";
import { createTokenSchema, revokeTokenSchema } from "@/lib/api-tokens/schemas";

// Any member manages their own tokens; a token never does more than its owner's role allows.
export const createTokenAction = defineAction({
  schema: createTokenSchema,
  permission: "view",
  run: (input, user) => createApiToken(user, input),
  revalidate: () => "/settings/tokens",
});

export const revokeTokenAction = defineAction({
  schema: revokeTokenSchema,
  permission: "view",
  run: (input, user) => revokeApiToken(user, input.tokenId),
  revalidate: () => "/settings/tokens",
  success: "Revoked.",
});
