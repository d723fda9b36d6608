import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";

export const createShareLinkSchema = z.object({
  gameDayId: idSchema,
  expiresInDays: z.coerce.number({ error: "Enter a number of days." }).int("Whole days only.").min(1, "At least 1 day.").max(90, "At most 90 days.").default(14),
});
export type CreateShareLinkInput = z.infer<typeof createShareLinkSchema>;

export const revokeShareLinkSchema = z.object({ shareId: idSchema });

/** A share token as it appears in a URL: 43 base64url characters (32 random bytes). */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const REPORT_FORMATS = ["html", "pdf", "markdown"] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;
