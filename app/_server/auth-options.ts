import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { signInSchema } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/password-sign-in";
import { oidcProviderFromEnv } from "@/lib/auth/oidc-config";
import { accessPolicy } from "@/lib/auth/access-policy";
import { clientAddress } from "@/lib/auth/client-address";
import { findSsoUserId, resolveSsoSignIn } from "@/lib/auth/sso";
import { AppError } from "@/lib/errors";
import { SSO_INVITE_COOKIE } from "./sso-invite-cookie";

const oidc = oidcProviderFromEnv(process.env);

type OidcProfile = { iss?: string; sub: string; email?: string; email_verified?: unknown; name?: string; preferred_username?: string } & Record<string, unknown>;

/** The issuer an identity is linked under: the ID token's own (openid-client checked it against discovery). */
const issuerOf = (profile: OidcProfile | undefined) => profile?.iss || oidc?.issuer || "";

/**
 * next-auth: local email + password for the embedded default (unless the
 * operator turned it off), plus a generic OIDC provider when OIDC_ISSUER /
 * OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are set. SSO accounts are linked by
 * (issuer, subject), never by email (lib/auth/sso.ts). Sessions are JWTs
 * carrying only the user id; role and team are read from the database on
 * every request (app/_server/session.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    ...(accessPolicy().passwordSignIn
      ? [
          CredentialsProvider({
            name: "Email and password",
            credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
            async authorize(credentials, req) {
              const parsed = signInSchema.safeParse(credentials ?? {});
              if (!parsed.success) return null;
              const headers = new Headers(req.headers as Record<string, string>);
              try {
                return await signInWithPassword(parsed.data.email, parsed.data.password, clientAddress(headers));
              } catch (error) {
                // next-auth puts a thrown message into the error page's query: a code, never the text.
                if (error instanceof AppError && error.code === "RATE_LIMITED") throw new Error("RateLimited");
                throw error;
              }
            },
          }),
        ]
      : []),
    ...(oidc
      ? [
          {
            id: "oidc",
            name: oidc.name,
            type: "oauth" as const,
            wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            authorization: { params: { scope: oidc.scope } },
            idToken: true,
            checks: ["pkce", "state"] as ("pkce" | "state")[],
            profile(profile: OidcProfile) {
              return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.preferred_username ?? profile.email ?? "" };
            },
          },
        ]
      : []),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const p = profile as OidcProfile | undefined;
      const jar = await cookies();
      const inviteToken = jar.get(SSO_INVITE_COOKIE)?.value || undefined;
      try {
        await resolveSsoSignIn(
          { issuer: issuerOf(p), subject: String(account.providerAccountId ?? p?.sub ?? ""), email: p?.email, emailVerified: p?.email_verified, name: p?.name ?? p?.preferred_username, groups: p?.[accessPolicy().oidc.groupsClaim] },
          { inviteToken },
        );
        if (inviteToken) jar.delete(SSO_INVITE_COOKIE);
        return true;
      } catch (error) {
        const reason = error instanceof AppError ? error.fieldErrors?.sso : undefined;
        if (!reason) console.error("SSO sign-in failed:", error);
        return `/signin?error=${reason ?? "SsoFailed"}`;
      }
    },
    async jwt({ token, user, account, profile }) {
      if (user && account) {
        // Local sign-in returns our user id; OIDC returns the provider's subject, so look up its identity.
        token.uid = account.provider === "oidc" ? await findSsoUserId(issuerOf(profile as OidcProfile | undefined), String(account.providerAccountId)) : user.id;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined };
    },
  },
};
