import "server-only";
import { KubeConfig } from "@kubernetes/client-node";
import { parse } from "yaml";
import { AppError } from "@/lib/errors";
import { execCredentialAuthenticator, type AllowedExec } from "./exec-credential";
import { applyKubeconfigPolicy, kubeconfigPolicyFromEnv, type PolicedKubeconfig } from "./kubeconfig-policy";

export interface KubeconfigSummary {
  contexts: { name: string; cluster: string; user: string; namespace?: string }[];
  currentContext: string;
}

type Origin = "pasted" | "stored";

function notAKubeconfig(origin: Origin, detail: string, cause?: unknown): AppError {
  const fix = origin === "stored" ? " Delete this connection and add the cluster again." : "";
  return new AppError({ code: "BAD_INPUT", message: `This is not a valid kubeconfig: ${detail}.${fix}`, fieldErrors: { kubeconfig: "Not a valid kubeconfig (YAML with clusters, users and contexts)." }, cause });
}

function refused(origin: Origin, problems: string[]): AppError {
  const all = problems.join(" ");
  if (origin === "pasted") {
    return new AppError({ code: "BAD_INPUT", message: `Firedrill cannot accept this kubeconfig. ${all}`, fieldErrors: { kubeconfig: all } });
  }
  // Kubeconfigs saved before the policy existed are judged on every load: none of them runs anything either.
  return new AppError({ code: "FORBIDDEN", message: `This connection's stored kubeconfig is refused by Firedrill's kubeconfig policy, so nothing was run or read. ${all} To fix it, delete the connection and add the cluster again with inline credentials (or once the operator allows what it needs).` });
}

/**
 * Reads the text with the `yaml` library, the same parse the policy judges:
 * merge keys (`<<`) are expanded as client-node's js-yaml would, duplicate
 * keys are errors, and alias expansion is bounded.
 */
function readDocument(text: string, origin: Origin): unknown {
  try {
    return parse(text, { merge: true, uniqueKeys: true, maxAliasCount: 100, prettyErrors: false });
  } catch (error) {
    throw notAKubeconfig(origin, (error as Error).message.split("\n")[0], error);
  }
}

// What client-node gets: only the fields the policy let through, as JSON, so
// its own YAML parser (js-yaml) reads exactly what was judged. Exec plugins are
// left out here; Firedrill's authenticator runs them.
function toClientNodeText(c: PolicedKubeconfig): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: c.clusters.map((x) => ({ name: x.name, cluster: { server: x.server, "certificate-authority-data": x.caData, "insecure-skip-tls-verify": x.skipTLSVerify, "tls-server-name": x.tlsServerName, "proxy-url": x.proxyUrl } })),
    users: c.users.map((u) => ({ name: u.name, user: { token: u.token, "client-certificate-data": u.certData, "client-key-data": u.keyData, username: u.username, password: u.password, as: u.impersonate } })),
    contexts: c.contexts.map((x) => ({ name: x.name, context: { cluster: x.cluster, user: x.user, namespace: x.namespace } })),
    "current-context": c.currentContext,
  });
}

/** The second look, at what client-node's parser kept: nothing that spawns, reads a file or goes through an unallowed proxy. */
function assertInert(kc: KubeConfig, judged: PolicedKubeconfig): void {
  const approvedProxy = new Map(judged.clusters.map((c) => [c.name, c.proxyUrl]));
  const users = kc.getUsers().filter((u) => u.exec || u.authProvider || u.certFile || u.keyFile);
  const clusters = kc.getClusters().filter((c) => c.caFile || (c.proxyUrl && c.proxyUrl !== approvedProxy.get(c.name)));
  if (users.length || clusters.length) {
    throw new AppError({ code: "INTERNAL", message: `The kubeconfig policy let through fields client-node would act on (${[...users, ...clusters].map((x) => x.name).join(", ")}); nothing was run.` });
  }
}

/** Judges `text` and builds a KubeConfig that can only use what the policy allowed. */
function policedKubeConfig(text: string, origin: Origin): KubeConfig {
  const verdict = applyKubeconfigPolicy(readDocument(text, origin), kubeconfigPolicyFromEnv());
  if (!verdict.ok) throw refused(origin, verdict.problems);
  const kc = new KubeConfig();
  try {
    kc.loadFromString(toClientNodeText(verdict.config));
  } catch (error) {
    throw notAKubeconfig(origin, (error as Error).message, error);
  }
  assertInert(kc, verdict.config);
  const plugins = new Map<string, AllowedExec>(verdict.config.users.flatMap((u) => (u.exec ? [[u.name, u.exec] as const] : [])));
  if (plugins.size) kc.addAuthenticator(execCredentialAuthenticator(kc, plugins));
  return kc;
}

/**
 * Parses a pasted or uploaded kubeconfig under Firedrill's kubeconfig policy
 * (lib/k8s/kubeconfig-policy.ts): inline credentials (token, client
 * certificate and key data, CA data, username/password); exec plugins, their
 * env and proxy URLs only as the operator allows in the environment. A refusal
 * is a BAD_INPUT whose `kubeconfig` field error names each entry and the fix.
 */
export function parseKubeconfig(text: string): KubeconfigSummary {
  const kc = policedKubeConfig(text, "pasted");
  const contexts = kc.getContexts().map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace }));
  if (contexts.length === 0) throw new AppError({ code: "BAD_INPUT", message: "The kubeconfig has no contexts.", fieldErrors: { kubeconfig: "No contexts found." } });
  return { contexts, currentContext: kc.getCurrentContext() || contexts[0].name };
}

/**
 * Builds a KubeConfig for a stored connection: its kubeconfig and context, or
 * the in-cluster service account (the operator's own deployment). A stored
 * kubeconfig is judged by the policy on every load, so one saved before the
 * policy existed cannot run anything either (FORBIDDEN, saying how to fix it).
 */
export function loadKubeConfig(source: { kubeconfig: string | null; context: string | null; inCluster: boolean }): KubeConfig {
  if (source.inCluster) {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    return kc;
  }
  if (!source.kubeconfig) throw new AppError({ code: "BAD_INPUT", message: "This connection has no kubeconfig." });
  const kc = policedKubeConfig(source.kubeconfig, "stored");
  if (source.context) {
    if (!kc.getContexts().some((c) => c.name === source.context)) {
      throw new AppError({ code: "BAD_INPUT", message: `The kubeconfig has no context "${source.context}".`, fieldErrors: { context: "Pick a context from the kubeconfig." } });
    }
    kc.setCurrentContext(source.context);
  }
  return kc;
}
