"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { SSO_INVITE_COOKIE } from "@/app/_server/sso-invite-cookie";

/**
 * Keeps an invitation link's token for the SSO round trip (no session yet:
 * this is how an invited person gets one). The token is checked when the
 * provider sends the person back, against their verified email.
 */
export async function rememberSsoInviteAction(invite: unknown): Promise<void> {
  // Invitation tokens are base64url: anything else (a cookie cannot hold every character) is ignored.
  const token = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/).safeParse(invite);
  if (!token.success) return;
  (await cookies()).set(SSO_INVITE_COOKIE, token.data, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 15 * 60, secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false });
}
