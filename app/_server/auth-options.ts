import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findUserByEmail, provisionUser, verifyCredentials } from "@/lib/auth/accounts";
import { signInSchema } from "@/lib/auth/schemas";
import { oidcProviderFromEnv } from "@/lib/auth/oidc-config";

const oidc = oidcProviderFromEnv(process.env);

/**
 * next-auth: local email + password for the embedded default, plus a generic
 * OIDC provider when OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET are set.
 * Sessions are JWTs carrying only the user id; role and team are read from
 * the database on every request (app/_server/session.ts).
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        return verifyCredentials(parsed.data.email, parsed.data.password);
      },
    }),
    ...(oidc
      ? [
          {
            id: "oidc",
            name: oidc.name,
            type: "oauth" as const,
            wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            authorization: { params: { scope: "openid email profile" } },
            idToken: true,
            checks: ["pkce", "state"] as ("pkce" | "state")[],
            profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
              return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.preferred_username ?? profile.email ?? "" };
            },
          },
        ]
      : []),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      const email = user.email?.toLowerCase();
      if (!email) return "/signin?error=OidcNoEmail";
      if (!(await findUserByEmail(email))) await provisionUser({ email, name: user.name || email });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        // Local sign-in returns our user id; OIDC returns the provider's subject, so look ours up.
        const ours = account.provider === "oidc" ? await findUserByEmail(String(user.email).toLowerCase()) : null;
        token.uid = ours?.id ?? user.id;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined };
    },
  },
};
