import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";

/** What a token may do: read (GET endpoints), or run (also import experiments, start and stop runs). */
export const TOKEN_SCOPES = ["read", "run"] as const;
export const tokenScopeSchema = z.enum(TOKEN_SCOPES, { error: "Pick read or run." });
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (e.g. the CI pipeline it is for).").max(80, "Keep the name under 80 characters."),
  scope: tokenScopeSchema,
  expiresInDays: z.coerce.number({ error: "Pick how long the token lasts." }).int().min(1, "A token lasts at least a day.").max(365, "A token lasts at most a year."),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const revokeTokenSchema = z.object({ tokenId: idSchema });

/** The shape of a token as sent: "fdt_" and 43 base64url characters (256 random bits). */
export const tokenTextSchema = z.string().regex(/^fdt_[A-Za-z0-9_-]{43}$/);
