import "server-only";
import { withTimeout } from "@/lib/k8s/client";
import { clusterError, statusOf } from "@/lib/k8s/cluster-errors";

const TIMEOUT = 15_000;

/** A bounded cluster call whose failure becomes an AppError saying what was being done. */
export async function k8s<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(call(), TIMEOUT, doing);
  } catch (error) {
    throw clusterError(error, doing);
  }
}

/** Like k8s(), but a 404 is an answer (null), not an error: reverts of vanished objects are done. */
export async function k8sOrGone<T>(doing: string, call: () => Promise<T>): Promise<T | null> {
  try {
    return await withTimeout(call(), TIMEOUT, doing);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw clusterError(error, doing);
  }
}

export const DRY_RUN = "All";
