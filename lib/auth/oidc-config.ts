/** The generic OIDC provider's settings, from environment variables, or null when SSO is off. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  /** Scopes asked for: openid email profile, plus OIDC_SCOPES (e.g. "groups") for group rules. */
  scope: string;
}

/**
 * Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and optional OIDC_NAME.
 * A half-configured provider is an error at start-up rather than a broken button.
 */
export function oidcProviderFromEnv(env: Record<string, string | undefined>): OidcConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return null;
  const missing = [!issuer && "OIDC_ISSUER", !clientId && "OIDC_CLIENT_ID", !clientSecret && "OIDC_CLIENT_SECRET"].filter(Boolean);
  if (missing.length) throw new Error(`OIDC sign-in is half configured: set ${missing.join(", ")} (or unset all OIDC_* variables).`);
  if (!/^https?:\/\//.test(issuer!)) throw new Error("OIDC_ISSUER must be an http(s) URL.");
  const scope = ["openid", "email", "profile", ...(env.OIDC_SCOPES ?? "").split(/[\s,]+/).filter(Boolean)];
  return { issuer: issuer!, clientId: clientId!, clientSecret: clientSecret!, name: env.OIDC_NAME?.trim() || "Single sign-on", scope: [...new Set(scope)].join(" ") };
}
