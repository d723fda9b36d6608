import { z } from "zod";

/** Team roles, least to most powerful. */
export const ROLES = ["viewer", "participant", "facilitator", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  participant: "Participant",
  facilitator: "Facilitator",
  admin: "Admin",
};

/** What a signed-in member may do. Checked on the server by every action and route. */
export type Permission =
  | "view" // read anything of the team
  | "contribute" // cards, votes, estimates, experiments, observations, measured impact, follow-ups
  | "facilitate" // create GameDays, move phases, start/stop runs
  | "administer"; // members, roles, invitations, audit log, connections

const MINIMUM_ROLE: Record<Permission, Role> = {
  view: "viewer",
  contribute: "participant",
  facilitate: "facilitator",
  administer: "admin",
};

/** True when `role` grants `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(MINIMUM_ROLE[permission]);
}

/** A sentence for the UI explaining who may do something. */
export function whoCan(permission: Permission): string {
  const min = MINIMUM_ROLE[permission];
  const allowed = ROLES.slice(ROLES.indexOf(min)).map((r) => ROLE_LABELS[r].toLowerCase() + "s");
  return allowed.length === 1 ? `Only ${allowed[0]} can do this.` : `Only ${allowed.slice(0, -1).join(", ")} and ${allowed.at(-1)} can do this.`;
}
