/**
 * The one error type of Firedrill. Code decides behaviour (HTTP status, toast,
 * retry); the message is for people. Never branch on message text.
 */
export const ERROR_CODES = [
  "BAD_INPUT",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_TRANSITION",
  "RATE_LIMITED",
  "DEPENDENCY_FAILED",
  "NOT_IMPLEMENTED",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field path (e.g. "title" or "faults.0.params.count") to a message for that field. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** For RATE_LIMITED: when to try again (the Retry-After header of routes). */
  readonly retryAfterSec?: number;

  constructor(opts: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; retryAfterSec?: number; cause?: unknown }) {
    super(opts.message, { cause: opts.cause });
    this.name = "AppError";
    this.code = opts.code;
    this.fieldErrors = opts.fieldErrors;
    this.retryAfterSec = opts.retryAfterSec;
  }
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  DEPENDENCY_FAILED: 502,
  NOT_IMPLEMENTED: 501,
  INTERNAL: 500,
};

/** The HTTP status a route handler answers for an error code. */
export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/** Narrows unknown errors; anything that is not an AppError becomes INTERNAL without leaking details. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError({ code: "INTERNAL", message: "Something went wrong on the server. It has been logged.", cause: error });
}

export const notFound = (what: string) => new AppError({ code: "NOT_FOUND", message: `${what} was not found.` });
export const forbidden = (message: string) => new AppError({ code: "FORBIDDEN", message });
