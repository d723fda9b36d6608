import "server-only";
import { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";

export interface KubeconfigSummary {
  contexts: { name: string; cluster: string; user: string; namespace?: string }[];
  currentContext: string;
}

/**
 * Parses a pasted or uploaded kubeconfig. Token, client-certificate and
 * exec/OIDC users are all accepted as @kubernetes/client-node supports them.
 */
export function parseKubeconfig(text: string): KubeconfigSummary {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (error) {
    throw new AppError({ code: "BAD_INPUT", message: `This is not a valid kubeconfig: ${(error as Error).message}`, fieldErrors: { kubeconfig: "Not a valid kubeconfig (YAML with clusters, users and contexts)." } });
  }
  const contexts = kc.getContexts().map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace }));
  if (contexts.length === 0) throw new AppError({ code: "BAD_INPUT", message: "The kubeconfig has no contexts.", fieldErrors: { kubeconfig: "No contexts found." } });
  return { contexts, currentContext: kc.getCurrentContext() || contexts[0].name };
}

/** Builds a KubeConfig for a stored connection: its kubeconfig and context, or the in-cluster service account. */
export function loadKubeConfig(source: { kubeconfig: string | null; context: string | null; inCluster: boolean }): KubeConfig {
  const kc = new KubeConfig();
  if (source.inCluster) {
    kc.loadFromCluster();
    return kc;
  }
  if (!source.kubeconfig) throw new AppError({ code: "BAD_INPUT", message: "This connection has no kubeconfig." });
  kc.loadFromString(source.kubeconfig);
  if (source.context) {
    if (!kc.getContexts().some((c) => c.name === source.context)) {
      throw new AppError({ code: "BAD_INPUT", message: `The kubeconfig has no context "${source.context}".`, fieldErrors: { context: "Pick a context from the kubeconfig." } });
    }
    kc.setCurrentContext(source.context);
  }
  return kc;
}
