import { rateLimiter, worst, type LimitVerdict } from "./rate-limit";

const MINUTE = 60_000;
// Failed password sign-ins: per account (a guessing attack on one person),
// per client address (one client spraying many accounts), and for the whole
// process (every attempt costs a password hash on the thread pool).
const failuresPerAccount = rateLimiter("sign-in:account", { max: 5, windowMs: 15 * MINUTE });
const failuresPerAddress = rateLimiter("sign-in:address", { max: 20, windowMs: 15 * MINUTE });
const failuresEverywhere = rateLimiter("sign-in:all", { max: 300, windowMs: MINUTE });
// Sign-ups (each one hashes a password and may write rows): per client address and overall.
const signUpsPerAddress = rateLimiter("sign-up:address", { max: 10, windowMs: 15 * MINUTE });
const signUpsEverywhere = rateLimiter("sign-up:all", { max: 100, windowMs: 15 * MINUTE });

const accountKey = (email: string) => email.trim().toLowerCase().slice(0, 254);

/** Whether a password sign-in for `email` from `address` may be tried now. */
export function checkSignIn(email: string, address: string): LimitVerdict {
  return worst(failuresPerAccount.check(accountKey(email)), failuresPerAddress.check(address), failuresEverywhere.check("*"));
}

/** Counts a failed password sign-in. */
export function recordSignInFailure(email: string, address: string): void {
  failuresPerAccount.hit(accountKey(email));
  failuresPerAddress.hit(address);
  failuresEverywhere.hit("*");
}

/** A successful sign-in clears the account's failures (not the address's). */
export function recordSignInSuccess(email: string): void {
  failuresPerAccount.reset(accountKey(email));
}

/** Whether a sign-up from `address` may be tried now (does not count it). */
export function checkSignUp(address: string): LimitVerdict {
  return worst(signUpsPerAddress.check(address), signUpsEverywhere.check("*"));
}

/**
 * Counts a sign-up that cost a password hash and was refused, or that joined
 * without an invitation. Sign-ups with a valid invitation are not counted: the
 * link itself is the credential, single use.
 */
export function recordSignUp(address: string): void {
  signUpsPerAddress.hit(address);
  signUpsEverywhere.hit("*");
}

/** The sentence people see when they are limited. */
export function limitedMessage(retryAfterSec: number): string {
  const wait = retryAfterSec >= 120 ? `${Math.ceil(retryAfterSec / 60)} minutes` : `${retryAfterSec} seconds`;
  return `Too many attempts. Try again in ${wait}.`;
}
