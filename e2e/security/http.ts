// Talking to the production build the way an attacker would: server actions
// called directly over HTTP (the same request a browser's form sends, with no
// UI in between), sessions made through next-auth's own endpoints.
import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";

export interface ManifestAction {
  id: string;
  /** "app/gamedays/actions.ts#createGameDayAction": the matrix's key. */
  key: string;
  /** Pages whose bundles hold the action (the action is posted to one of them). */
  pages: string[];
}

/** Every server action of the build, from Next's own manifest. */
export function loadActionManifest(distDir = process.env.NEXT_DIST_DIR || ".next"): ManifestAction[] {
  const file = path.resolve(distDir, "server/server-reference-manifest.json");
  const m = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }> };
  return Object.entries(m.node).map(([id, v]) => ({ id, key: `${v.filename}#${v.exportedName}`, pages: Object.keys(v.workers) }));
}

/** Every route handler of the build (e.g. "/api/v1/runs/[runId]/stop"). */
export function loadRouteManifest(distDir = process.env.NEXT_DIST_DIR || ".next"): string[] {
  const m = JSON.parse(fs.readFileSync(path.resolve(distDir, "server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(m)
    .filter((k) => k.endsWith("/route"))
    .map((k) => k.replace(/\/route$/, ""));
}

/** What a server action answered: its typed result, or nothing when the request itself failed. */
export interface ActionAnswer {
  status: number;
  result: { ok: boolean; code?: string; message?: string; data?: unknown; fieldErrors?: Record<string, string> } | null;
  text: string;
}

/**
 * Calls a server action as the browser does: POST to a page that holds it,
 * `Next-Action` header, the arguments as React's reply encoding of plain JSON.
 * Actions built with defineAction take (previousState, input).
 */
export async function callAction(req: APIRequestContext, baseURL: string, action: ManifestAction, pagePath: string, args: unknown[]): Promise<ActionAnswer> {
  const res = await req.post(pagePath, {
    headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL },
    data: JSON.stringify(args),
    failOnStatusCode: false,
    maxRedirects: 0,
  });
  const text = await res.text();
  // The flight stream's row 1 is the action's return value.
  const row = text.split("\n").find((l) => l.startsWith("1:"));
  let result: ActionAnswer["result"] = null;
  try {
    result = row ? JSON.parse(row.slice(2)) : null;
  } catch {
    result = null;
  }
  return { status: res.status(), result, text };
}

/** A fresh cookie jar against the app (anonymous until signed in). */
export async function newClient(baseURL: string, extraHeaders: Record<string, string> = {}): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: extraHeaders });
}

/** Signs in through next-auth's credentials endpoint; the jar then holds the session cookie. */
export async function signInOverHttp(req: APIRequestContext, email: string, password: string): Promise<{ status: number; body: string }> {
  const csrf = (await (await req.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await req.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true", callbackUrl: "/" },
    failOnStatusCode: false,
    maxRedirects: 0,
  });
  return { status: res.status(), body: await res.text() };
}

/** Whether the jar holds a session (next-auth's session endpoint answers with a user). */
export async function hasSession(req: APIRequestContext): Promise<boolean> {
  const s = (await (await req.get("/api/auth/session")).json()) as { uid?: string } | null;
  return Boolean(s && s.uid);
}
