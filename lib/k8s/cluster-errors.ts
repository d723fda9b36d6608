import { AppError } from "@/lib/errors";

/** The shape of @kubernetes/client-node's ApiException, without importing it (keeps this file pure). */
interface ApiLike {
  code?: number;
  body?: unknown;
  message?: string;
  cause?: { code?: string };
}

/** The HTTP status of a Kubernetes API error, or undefined for transport failures. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as ApiLike | null)?.code;
  return typeof code === "number" ? code : undefined;
}

function apiMessage(error: unknown): string {
  const body = (error as ApiLike | null)?.body;
  if (typeof body === "string") {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      if (parsed.message) return parsed.message;
    } catch {
      return body.slice(0, 300);
    }
  }
  if (body && typeof body === "object" && "message" in body) return String((body as { message: unknown }).message);
  return (error as Error | null)?.message?.slice(0, 300) ?? "unknown error";
}

/**
 * Turns a Kubernetes client error into an AppError whose message says what to
 * change. Status codes decide the code; the apiserver's own text is quoted.
 */
export function clusterError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  const status = statusOf(error);
  const detail = apiMessage(error);
  if (status === 401) return new AppError({ code: "DEPENDENCY_FAILED", message: `The cluster rejected Firedrill's credentials while ${doing}: ${detail}. Update the kubeconfig.`, cause: error });
  if (status === 403) return new AppError({ code: "FORBIDDEN", message: `The cluster forbids ${doing}: ${detail}. Grant Firedrill's identity that permission or pick another target.`, cause: error });
  if (status === 404) return new AppError({ code: "NOT_FOUND", message: `Not found in the cluster while ${doing}: ${detail}.`, cause: error });
  if (status === 409) return new AppError({ code: "CONFLICT", message: `Conflict in the cluster while ${doing}: ${detail}.`, cause: error });
  if (status === 422 || status === 400) return new AppError({ code: "BAD_INPUT", message: `The cluster refused the request while ${doing}: ${detail}.`, cause: error });
  if (status === 429) return new AppError({ code: "CONFLICT", message: `The cluster refused ${doing} for now (429): ${detail}.`, cause: error });
  if (status && status >= 500) return new AppError({ code: "DEPENDENCY_FAILED", message: `The cluster's API server failed while ${doing} (${status}): ${detail}.`, cause: error });
  return new AppError({ code: "DEPENDENCY_FAILED", message: `The cluster could not be reached while ${doing}: ${detail}.`, cause: error });
}
