import "server-only";
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  NetworkingV1Api,
  PatchStrategy,
  VersionApi,
  setHeaderOptions,
} from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";

/** The typed API clients a driver may use for one cluster. */
export interface ClusterClient {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  networking: NetworkingV1Api;
  authz: AuthorizationV1Api;
  version: VersionApi;
  objects: KubernetesObjectApi;
  /** Request options that send a JSON merge patch. */
  mergePatch: ReturnType<typeof setHeaderOptions>;
  /** Request options that send a JSON patch (RFC 6902). */
  jsonPatch: ReturnType<typeof setHeaderOptions>;
  server: string;
}

/** Creates the API clients for a loaded kubeconfig. */
export function makeClusterClient(kc: KubeConfig): ClusterClient {
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    authz: kc.makeApiClient(AuthorizationV1Api),
    version: kc.makeApiClient(VersionApi),
    objects: KubernetesObjectApi.makeApiClient(kc),
    mergePatch: setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    jsonPatch: setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    server: kc.getCurrentCluster()?.server ?? "",
  };
}

/**
 * Bounds a cluster call in time: an unreachable API server must turn into a
 * clear error within seconds, never a hung page or a stuck stop button.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, doing: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError({ code: "DEPENDENCY_FAILED", message: `The cluster did not answer within ${Math.round(ms / 1000)} s while ${doing}.` })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
