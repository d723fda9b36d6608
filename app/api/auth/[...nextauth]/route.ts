// Serves next-auth's sign-in, callback, session and sign-out endpoints; a
// password sign-in over the rate limit gets 429 with Retry-After before any
// password is hashed.
import NextAuth from "next-auth";
import { authOptions } from "@/app/_server/auth-options";
import { clientAddress } from "@/lib/auth/client-address";
import { checkSignIn, limitedMessage } from "@/lib/auth/sign-in-limits";

const handler = NextAuth(authOptions);

async function post(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = new URLSearchParams(await request.clone().text());
    const limit = checkSignIn(form.get("email") ?? "", clientAddress(request.headers));
    if (!limit.ok) {
      const url = new URL(`/signin?error=RateLimited&retryAfter=${limit.retryAfterSec}`, request.url);
      return Response.json({ url: url.toString(), message: limitedMessage(limit.retryAfterSec) }, { status: 429, headers: { "retry-after": String(limit.retryAfterSec) } });
    }
  }
  return handler(request, context);
}

export { handler as GET, post as POST };
