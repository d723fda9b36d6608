"use server";

import { defineAction } from "@/app/_server/action";
import { inviteMember, inviteSchema, revokeInvitation, revokeInviteSchema, setMemberRole, setRoleSchema } from "@/lib/team/members";

export const inviteAction = defineAction({
  schema: inviteSchema,
  permission: "administer",
  run: (input, user) => inviteMember(user, input),
  revalidate: () => "/team",
  success: "Invitation created: send the link below.",
});

export const setRoleAction = defineAction({
  schema: setRoleSchema,
  permission: "administer",
  run: (input, user) => setMemberRole(user, input),
  revalidate: () => "/team",
});

export const revokeInviteAction = defineAction({
  schema: revokeInviteSchema,
  permission: "administer",
  run: (input, user) => revokeInvitation(user, input.invitationId),
  revalidate: () => "/team",
});
