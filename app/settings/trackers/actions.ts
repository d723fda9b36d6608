"use server";

import { defineAction } from "@/app/_server/action";
import { saveTrackerSettings } from "@/lib/tickets/tracker-settings";
import { trackerSettingsSchema } from "@/lib/tickets/schemas";

export const saveTrackerSettingsAction = defineAction({
  schema: trackerSettingsSchema,
  permission: "administer",
  run: (input, user) => saveTrackerSettings(user, input),
  revalidate: () => "/settings/trackers",
  success: "Tracker saved.",
});
