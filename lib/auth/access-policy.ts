import { z } from "zod";
import { roleSchema, type Role } from "./roles";

/**
 * Who may get an account, read from the environment once per request (the
 * operator decides, never the UI):
 *   FIREDRILL_LISTEN_HOST  the address the server listens on (set by the start scripts from HOST)
 *   FIREDRILL_SIGNUP       invite-only | open — default invite-only unless the server listens on loopback only
 *   FIREDRILL_PASSWORD_SIGNIN  on | off — off turns local sign-up and password sign-in off (SSO only)
 *   OIDC_ALLOWED_DOMAINS   comma-separated email domains an SSO account may have (empty: any)
 *   OIDC_ALLOWED_GROUPS    comma-separated groups one of which an SSO account must carry (empty: any)
 *   OIDC_GROUP_ROLES       group=role pairs, e.g. "sre-leads=facilitator,platform=admin"
 *   OIDC_GROUPS_CLAIM      the ID token claim holding the groups (default "groups")
 */
export interface AccessPolicy {
  /** The server is reachable from this machine only: nobody else can race the first sign-up. */
  loopbackOnly: boolean;
  signup: "invite-only" | "open";
  passwordSignIn: boolean;
  oidc: { allowedDomains: string[]; allowedGroups: string[]; groupRoles: Map<string, Role>; groupsClaim: string };
}

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Whether a listen address only accepts connections from this machine. */
export function isLoopbackHost(host: string | undefined): boolean {
  const h = (host ?? "").trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const groupRole = z.tuple([z.string().min(1), roleSchema]);

/** Reads the access policy; a malformed setting is an error at the first request, not a silent default. */
export function accessPolicyFromEnv(env: Record<string, string | undefined>): AccessPolicy {
  const loopbackOnly = isLoopbackHost(env.FIREDRILL_LISTEN_HOST);
  const signup = env.FIREDRILL_SIGNUP?.trim() || (loopbackOnly ? "open" : "invite-only");
  if (signup !== "open" && signup !== "invite-only") throw new Error(`FIREDRILL_SIGNUP must be "invite-only" or "open", not "${signup}".`);
  const pw = env.FIREDRILL_PASSWORD_SIGNIN?.trim() || "on";
  if (pw !== "on" && pw !== "off") throw new Error(`FIREDRILL_PASSWORD_SIGNIN must be "on" or "off", not "${pw}".`);
  const groupRoles = new Map<string, Role>();
  for (const pair of list(env.OIDC_GROUP_ROLES)) {
    const parsed = groupRole.safeParse(pair.split("=").map((s) => s.trim()));
    if (!parsed.success) throw new Error(`OIDC_GROUP_ROLES: "${pair}" is not group=role with a role of viewer, participant, facilitator or admin.`);
    groupRoles.set(parsed.data[0], parsed.data[1]);
  }
  return {
    loopbackOnly,
    signup,
    passwordSignIn: pw === "on",
    oidc: {
      allowedDomains: list(env.OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase().replace(/^@/, "")),
      allowedGroups: list(env.OIDC_ALLOWED_GROUPS),
      groupRoles,
      groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || "groups",
    },
  };
}

/** The policy of this server process. */
export const accessPolicy = () => accessPolicyFromEnv(process.env);
