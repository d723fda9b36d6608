"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { rememberSsoInviteAction } from "./sso-invite-action";

/** Accepts an invitation with single sign-on: the token rides along in an httpOnly cookie. */
export function SsoInviteButton({ invite, providerName }: { invite: string; providerName: string }) {
  const [pending, setPending] = useState(false);
  return (
    <p>
      <button
        className="btn"
        type="button"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          await rememberSsoInviteAction(invite);
          await signIn("oidc", { callbackUrl: "/" });
        }}
      >
        Accept with {providerName}
      </button>
    </p>
  );
}
