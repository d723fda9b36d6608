/** The cookie that carries an invitation link's token through an SSO round trip (httpOnly, 15 minutes). */
export const SSO_INVITE_COOKIE = "firedrill-sso-invite";
