import { z } from "zod";
import { idSchema } from "@/lib/gameday/schemas";
import { outboundUrlIssue } from "@/lib/outbound/policy";

export const FOLLOW_UP_STATUSES = ["open", "in-progress", "done", "wont-fix"] as const;
export const followUpStatusSchema = z.enum(FOLLOW_UP_STATUSES, { error: "Pick a status." });
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  open: "Open",
  "in-progress": "In progress",
  done: "Done",
  "wont-fix": "Won't fix",
};

const optionalId = z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional());

const titleSchema = z.string().trim().min(1, "Enter a title for the ticket.").max(200, "Keep the title under 200 characters.");
const labelsSchema = z
  .string()
  .trim()
  .max(500, "Keep the labels under 500 characters.")
  .default("")
  .transform((s) => [...new Set(s.split(",").map((l) => l.trim()).filter(Boolean))].join(","));

export const createFollowUpSchema = z.object({
  gameDayId: idSchema,
  title: titleSchema,
  body: z.string().trim().max(10000, "Keep the description under 10000 characters.").default(""),
  failureModeId: optionalId,
  runId: optionalId,
  labels: labelsSchema,
});
export type CreateFollowUpInput = z.infer<typeof createFollowUpSchema>;

export const setFollowUpStatusSchema = z.object({ followUpId: idSchema, status: followUpStatusSchema });

/** Many follow-ups at once, one per selected finding, at the end of the day. */
export const createFromFindingsSchema = z.object({
  gameDayId: idSchema,
  items: z
    .array(z.object({ findingKey: z.string().min(1).max(200), title: titleSchema }))
    .min(1, "Select at least one finding.")
    .max(100, "At most 100 findings at once."),
  labels: labelsSchema,
});
export type CreateFromFindingsInput = z.infer<typeof createFromFindingsSchema>;

export const followUpIdSchema = z.object({ followUpId: idSchema });
export const gameDayIdSchema = z.object({ gameDayId: idSchema });

export const TRACKER_KINDS = ["builtin", "github", "gitlab", "jira"] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];
export const EXTERNAL_TRACKER_KINDS = ["github", "gitlab", "jira"] as const;
export type ExternalTrackerKind = (typeof EXTERNAL_TRACKER_KINDS)[number];
export const TRACKER_KIND_LABELS: Record<TrackerKind, string> = { builtin: "Built-in (FD-1, FD-2, …)", github: "GitHub Issues", gitlab: "GitLab issues", jira: "Jira Cloud" };
export const DEFAULT_BASE_URLS: Record<ExternalTrackerKind, string> = { github: "https://api.github.com", gitlab: "https://gitlab.com", jira: "https://your-site.atlassian.net" };

/** The team's tracker settings. A blank token keeps the stored one, unless the token would go to a new address or account. */
export const trackerSettingsSchema = z
  .object({
    kind: z.enum(TRACKER_KINDS, { error: "Pick a tracker." }),
    baseUrl: z.string().trim().max(500).default(""),
    project: z.string().trim().max(200).default(""),
    accountEmail: z.string().trim().max(320).default(""),
    token: z.string().trim().max(2000).default(""),
    labels: labelsSchema,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "builtin") return;
    // The token goes to this address: https only, no internal address unless the
    // operator allows it (and the outbound guard checks again at connect time).
    if (!/^https?:\/\/[^\s/]+/i.test(v.baseUrl)) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: "Enter the API address, e.g. https://api.github.com." });
    else {
      const issue = outboundUrlIssue(v.baseUrl, "trackers");
      if (issue) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: issue });
    }
    if (v.kind === "github" && !/^[\w.-]+\/[\w.-]+$/.test(v.project)) ctx.addIssue({ code: "custom", path: ["project"], message: "Enter owner/repository." });
    if (v.kind === "gitlab" && !v.project) ctx.addIssue({ code: "custom", path: ["project"], message: "Enter the project id or path (group/project)." });
    if (v.kind === "jira" && !/^[A-Z][A-Z0-9_]{0,9}$/.test(v.project)) ctx.addIssue({ code: "custom", path: ["project"], message: "Enter the Jira project key, e.g. OPS." });
    if (v.kind === "jira" && !/^[^@\s]+@[^@\s]+$/.test(v.accountEmail)) ctx.addIssue({ code: "custom", path: ["accountEmail"], message: "Jira needs the email of the account the API token belongs to." });
  });
export type TrackerSettingsInput = z.infer<typeof trackerSettingsSchema>;
