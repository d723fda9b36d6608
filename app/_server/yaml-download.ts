import "server-only";
import { getSessionUser } from "@/app/_server/session";
import { AppError, httpStatusFor, toAppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session-user";

/** A YAML document as a download for a signed-in member; failures as `{ code, message }` with their status. */
export async function yamlDownload(filename: (user: SessionUser) => Promise<{ name: string; yaml: string }>): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError({ code: "UNAUTHENTICATED", message: "Sign in to download this, or use the API with a token." });
    const { name, yaml } = await filename(user);
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${name.replace(/[^a-z0-9._-]+/gi, "-").slice(0, 80)}.yaml"`, "cache-control": "no-store" } });
  } catch (error) {
    const e = toAppError(error);
    if (e.code === "INTERNAL") console.error("yaml download failed:", error);
    return Response.json({ code: e.code, message: e.message }, { status: httpStatusFor(e.code) });
  }
}
