import "server-only";
import type { z } from "zod";
import { authenticateApiRequest, type ApiCaller } from "@/lib/api-tokens/authenticate";
import type { TokenScope } from "@/lib/api-tokens/schemas";
import type { Permission } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, httpStatusFor, toAppError } from "@/lib/errors";
import { ImportRefused } from "@/lib/as-code/save-imported";

type RouteContext = { params: Promise<Record<string, string>> };

export interface ApiRequest<P, Q> {
  caller: ApiCaller;
  params: P;
  query: Q;
  request: Request;
}

const JSON_HEADERS = { "cache-control": "no-store" };

/** A JSON answer of the API (never cached). */
export const apiJson = (body: unknown, status = 200) => Response.json(body, { status, headers: JSON_HEADERS });

/** An API error as `{ code, message, …extra }` with the code's HTTP status. */
export function apiError(error: unknown): Response {
  const e = toAppError(error);
  if (e.code === "INTERNAL") console.error("api failed:", error);
  // An import refused carries its plan: every problem with its line, and what could not be mapped.
  const extra =
    e instanceof ImportRefused
      ? { problems: e.plan.problems, experiments: e.plan.experiments.map((x) => ({ title: x.title, line: x.line, problems: x.problems })), unmapped: e.plan.unmapped }
      : {};
  return apiJson({ code: e.code, message: e.message, ...extra }, httpStatusFor(e.code));
}

/** Writes what an API call changed to the audit log, with the token it came through. */
export function auditApi(caller: ApiCaller, action: string, target: { type: string; id: string }, details: Record<string, unknown> = {}) {
  return recordAudit({ teamId: caller.user.teamId, actorId: caller.user.id, actorEmail: caller.user.email, action, targetType: target.type, targetId: target.id, details: { ...details, token: caller.token.prefix } });
}

/**
 * The one way to write an API route: the token is checked first (401/403
 * before anything else, so nothing is revealed to a bad token), then path
 * params (malformed ids are 404) and query are parsed with zod, then one
 * handler runs. Every failure is `{ code, message }` with its status.
 */
export function apiRoute<P extends z.ZodObject, Q extends z.ZodObject>(opts: {
  scope: TokenScope;
  permission: Permission;
  params: P;
  query?: Q;
  handle: (req: ApiRequest<z.infer<P>, z.infer<Q>>) => Promise<Response>;
}) {
  return async function handler(request: Request, ctx: RouteContext): Promise<Response> {
    try {
      const caller = await authenticateApiRequest(request.headers.get("authorization"), opts.scope, opts.permission);
      const params = opts.params.safeParse((await ctx?.params) ?? {});
      if (!params.success) throw new AppError({ code: "NOT_FOUND", message: "Not found." });
      const url = new URL(request.url);
      const query = opts.query ? opts.query.safeParse(Object.fromEntries(url.searchParams)) : { success: true as const, data: {} };
      if (!query.success) throw new AppError({ code: "BAD_INPUT", message: `Bad query: ${query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
      return await opts.handle({ caller, params: params.data, query: query.data as z.infer<Q>, request });
    } catch (error) {
      return apiError(error);
    }
  };
}

/** Reads a JSON body with a zod schema (an empty body is `{}`); bad JSON or fields are 400. */
export async function jsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError({ code: "BAD_INPUT", message: "The body is not JSON." });
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError({ code: "BAD_INPUT", message: `Bad body: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}` });
  return parsed.data;
}

/** The body as text, refused past `maxBytes` without reading the rest (a document is checked for size again when parsed). */
export async function textBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooBig = () => new AppError({ code: "BAD_INPUT", message: `The body is over ${Math.round(maxBytes / 1024)} KiB.` });
  if (declared > maxBytes) throw tooBig();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
