import "server-only";
import { decideExecCommand, EXEC_COMMANDS_ENV, readExecAllowlist, type ExecAllowEntry, type ExecRefusal } from "./exec-allowlist";
import type { AllowedExec } from "./exec-credential";

// Why this module exists: a kubeconfig is pasted by a team admin, but
// @kubernetes/client-node 1.3.0 would act on it *on Firedrill's server*: spawn
// `exec` plugins (writing exec.env into process.env), run auth-provider
// `cmd-path` through a shell, and read `token-file` and every `*-file`/path
// field from the server's disk. By default only inline credentials pass;
// plugins and proxies only when the operator allows them in the environment.

/** Names of environment variables Firedrill may set in an allowed plugin's environment (never its own). */
export const EXEC_ENV_ENV = "FIREDRILL_KUBECONFIG_EXEC_ENV";
/** Proxy URLs clusters may use through `proxy-url`. */
export const PROXY_URLS_ENV = "FIREDRILL_KUBECONFIG_PROXY_URLS";

/** What the operator allows beyond inline credentials. */
export interface KubeconfigPolicy {
  execAllowlist: ExecAllowEntry[];
  execEnvNames: Set<string>;
  proxyUrls: Set<string>;
}

/** A cluster entry reduced to the fields Firedrill hands to client-node. */
export interface SafeCluster {
  name: string;
  server: string;
  caData?: string;
  skipTLSVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

/** A user entry reduced to inline credentials and, when allowed, one resolved exec plugin. */
export interface SafeUser {
  name: string;
  token?: string;
  certData?: string;
  keyData?: string;
  username?: string;
  password?: string;
  impersonate?: string;
  exec?: AllowedExec;
}

/** A context entry: which cluster and user it pairs, and its default namespace. */
export interface SafeContext {
  name: string;
  cluster: string;
  user?: string;
  namespace?: string;
}

/** A kubeconfig that passed the policy: nothing in it runs a program, reads a file or changes the environment. */
export interface PolicedKubeconfig {
  clusters: SafeCluster[];
  users: SafeUser[];
  contexts: SafeContext[];
  currentContext?: string;
}

export type PolicyVerdict = { ok: true; config: PolicedKubeconfig } | { ok: false; problems: string[] };

const list = (v: string | undefined) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);

function normalUrl(u: string): string {
  try {
    return new URL(u).href;
  } catch {
    return u;
  }
}

/** Reads the operator's settings from the server's environment (the UI cannot change them). */
export function kubeconfigPolicyFromEnv(env: Record<string, string | undefined> = process.env): KubeconfigPolicy {
  return { execAllowlist: readExecAllowlist(env), execEnvNames: new Set(list(env[EXEC_ENV_ENV])), proxyUrls: new Set(list(env[PROXY_URLS_ENV]).map(normalUrl)) };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
// `tokenFile`, `token_file` and `Token-File` are one field to a reader: compare keys by this form.
const norm = (key: string) => key.toLowerCase().replace(/[-_\s]/g, "");
const FILE_FIELDS: Record<string, string> = {
  tokenfile: 'the token itself as "token"',
  clientcertificate: 'the certificate, base64-encoded, as "client-certificate-data"',
  clientkey: 'the key, base64-encoded, as "client-key-data"',
  certificateauthority: 'the CA certificate, base64-encoded, as "certificate-authority-data"',
};
// Any other field named like a file or path (`cmd-path`, `ca-file`, …) is treated the same way.
const namesFile = (n: string) => Object.hasOwn(FILE_FIELDS, n) || /(file|path|dir)$/.test(n);
const FLATTEN = "`kubectl config view --minify --flatten --raw` prints a kubeconfig with every file inlined";
const EXEC_EXAMPLE = `${EXEC_COMMANDS_ENV}="aws eks get-token,gke-gcloud-auth-plugin,kubelogin get-token"`;
const ENABLE = `the operator enables a plugin by listing it in ${EXEC_COMMANDS_ENV} in the Firedrill server's environment and restarting Firedrill (e.g. ${EXEC_EXAMPLE}); a kubeconfig cannot enable it`;
const EXEC_FIX: Record<ExecRefusal, string> = {
  never: "Firedrill runs no credential plugin by default, and no setting allows this one",
  "not-listed": `Firedrill runs no credential plugin by default: ${ENABLE}`,
  "not-installed": "the operator must install it on the Firedrill server, on the PATH Firedrill runs with",
  arguments: `the operator sets which arguments it may be run with in ${EXEC_COMMANDS_ENV}`,
};
// What client-node 1.3.0 does with each auth-provider on the server, and what to use instead.
const AUTH_PROVIDER_RISK: Record<string, string> = {
  gcp: "client-node runs its cmd-path through a shell on the server, and kubectl removed it in 1.26. Use a token, or gke-gcloud-auth-plugin as an exec plugin once the operator lists it in " + EXEC_COMMANDS_ENV + ".",
  azure: "client-node runs its cmd-path through a shell on the server, and kubectl removed it in 1.26. Use a token, or kubelogin as an exec plugin once the operator lists it in " + EXEC_COMMANDS_ENV + ".",
  oidc: "client-node makes the server call the identity provider's URL to refresh it. Paste a token, or use an OIDC exec plugin (e.g. kubelogin) once the operator lists it in " + EXEC_COMMANDS_ENV + ".",
  other: "client-node may run its exec command or read its tokenFile on the server. Use a token, or an exec plugin once the operator lists it in " + EXEC_COMMANDS_ENV + ".",
};
const EXEC_API_VERSIONS = new Set(["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Variables that change which program runs or what it loads: no setting allows them.
const NEVER_ENV = /^(PATH|LD_.*|DYLD_.*|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|SHELLOPTS|IFS|PYTHONPATH|PYTHONSTARTUP|PYTHONHOME|PERL5OPT|PERL5LIB|RUBYOPT|RUBYLIB|GCONV_PATH|HOSTALIASES|KUBERNETES_EXEC_INFO)$/i;

function fileRefusal(who: string, key: string): string {
  const instead = Object.hasOwn(FILE_FIELDS, norm(key)) ? FILE_FIELDS[norm(key)] : "the value itself";
  return `${who}: "${key}" names a file on the Firedrill server, which is never read (no setting allows it). Paste ${instead} instead; ${FLATTEN}.`;
}

function optionalString(who: string, key: string, v: unknown, problems: string[]): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  problems.push(`${who}: "${key}" must be a string (quote it).`);
  return undefined;
}

function checkExec(who: string, exec: unknown, policy: KubeconfigPolicy, problems: string[]): AllowedExec | undefined {
  if (!isObj(exec)) return void problems.push(`${who}: "exec" must be a mapping with a command.`);
  const before = problems.length;
  const args = exec.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === "string")) problems.push(`${who}: exec.args must be a list of strings.`);
  const apiVersion = exec.apiVersion;
  if (typeof apiVersion !== "string" || !EXEC_API_VERSIONS.has(apiVersion)) problems.push(`${who}: exec.apiVersion must be client.authentication.k8s.io/v1 or v1beta1.`);
  const env: AllowedExec["env"] = [];
  const rawEnv = exec.env ?? [];
  if (!Array.isArray(rawEnv)) problems.push(`${who}: exec.env must be a list of {name, value}.`);
  else {
    for (const e of rawEnv) {
      if (!isObj(e) || typeof e.name !== "string" || typeof e.value !== "string" || !ENV_NAME.test(e.name)) {
        problems.push(`${who}: each exec.env entry needs a variable name and a string value.`);
      } else if (NEVER_ENV.test(e.name)) {
        problems.push(`${who}: exec.env sets ${e.name}, which changes what program runs or what it loads; no setting allows it.`);
      } else if (!policy.execEnvNames.has(e.name)) {
        problems.push(`${who}: exec.env sets ${e.name}, which the operator has not allowed. To allow it, add ${e.name} to ${EXEC_ENV_ENV} in the Firedrill server's environment (comma-separated names; the value is set for the plugin only, never in Firedrill's own environment).`);
      } else env.push({ name: e.name, value: e.value });
    }
  }
  const argv = Array.isArray(args) ? args.filter((a): a is string => typeof a === "string") : [];
  const decision = decideExecCommand(exec.command, argv, policy.execAllowlist);
  if (!decision.allowed) problems.push(`${who}: the exec ${decision.reason}; ${EXEC_FIX[decision.refusal]}.`);
  if (problems.length > before || !decision.allowed) return undefined;
  return { path: decision.path, command: String(exec.command), args: argv, env, apiVersion: apiVersion as string, provideClusterInfo: exec.provideClusterInfo === true };
}

function checkUser(entry: unknown, i: number, policy: KubeconfigPolicy, problems: string[]): SafeUser | undefined {
  if (!isObj(entry) || typeof entry.name !== "string" || !entry.name) return void problems.push(`users[${i}] has no name.`);
  const who = `User "${entry.name}"`;
  const user = entry.user ?? {};
  if (!isObj(user)) return void problems.push(`${who}: "user" must be a mapping.`);
  const safe: SafeUser = { name: entry.name };
  for (const [key, value] of Object.entries(user)) {
    const n = norm(key);
    if (n === "extensions") continue; // client-node ignores them, and so do we: they are never handed on
    if (n === "authprovider") {
      const name = isObj(value) && typeof value.name === "string" ? value.name : "";
      problems.push(`${who}: auth-provider${name ? ` "${name}"` : ""} is refused (no setting allows it): ${Object.hasOwn(AUTH_PROVIDER_RISK, name) ? AUTH_PROVIDER_RISK[name] : AUTH_PROVIDER_RISK.other}`);
    } else if (n === "exec") {
      if (key !== "exec") problems.push(`${who}: "${key}" is not how kubeconfigs spell "exec"; fix the spelling so the plugin policy can judge it.`);
      else safe.exec = checkExec(who, value, policy, problems);
    } else if (namesFile(n)) problems.push(fileRefusal(who, key));
  }
  safe.token = optionalString(who, "token", user.token, problems);
  safe.certData = optionalString(who, "client-certificate-data", user["client-certificate-data"], problems);
  safe.keyData = optionalString(who, "client-key-data", user["client-key-data"], problems);
  safe.username = optionalString(who, "username", user.username, problems);
  safe.password = optionalString(who, "password", user.password, problems);
  safe.impersonate = optionalString(who, "as", user.as, problems);
  return safe;
}

function checkCluster(entry: unknown, i: number, policy: KubeconfigPolicy, problems: string[]): SafeCluster | undefined {
  if (!isObj(entry) || typeof entry.name !== "string" || !entry.name) return void problems.push(`clusters[${i}] has no name.`);
  const who = `Cluster "${entry.name}"`;
  const cluster = entry.cluster;
  if (!isObj(cluster)) return void problems.push(`${who}: "cluster" must be a mapping with a server.`);
  let proxyUrl: string | undefined;
  for (const [key, value] of Object.entries(cluster)) {
    const n = norm(key);
    if (n === "extensions") continue;
    if (n === "proxyurl") {
      const url = typeof value === "string" ? normalUrl(value) : "";
      if (key === "proxy-url" && policy.proxyUrls.has(url)) proxyUrl = value as string;
      else problems.push(`${who}: "${key}" sends the cluster's traffic through a proxy, which the operator has not allowed for this URL. To allow it, the operator adds the exact proxy URL to ${PROXY_URLS_ENV} in the Firedrill server's environment (comma-separated) and restarts Firedrill.`);
    } else if (namesFile(n)) problems.push(fileRefusal(who, key));
  }
  const server = cluster.server;
  let protocol = "";
  try {
    protocol = typeof server === "string" ? new URL(server).protocol : "";
  } catch {
    // not a URL: reported below
  }
  if (protocol !== "https:" && protocol !== "http:") problems.push(`${who}: "server" must be the API server's https:// URL.`);
  const skip = cluster["insecure-skip-tls-verify"];
  if (skip !== undefined && skip !== null && typeof skip !== "boolean") problems.push(`${who}: "insecure-skip-tls-verify" must be true or false.`);
  return {
    name: entry.name,
    server: typeof server === "string" ? server : "",
    caData: optionalString(who, "certificate-authority-data", cluster["certificate-authority-data"], problems),
    skipTLSVerify: skip === true,
    tlsServerName: optionalString(who, "tls-server-name", cluster["tls-server-name"], problems),
    proxyUrl,
  };
}

function checkContext(entry: unknown, i: number, problems: string[]): SafeContext | undefined {
  const c = isObj(entry) ? entry.context : undefined;
  if (!isObj(entry) || typeof entry.name !== "string" || !entry.name || !isObj(c) || typeof c.cluster !== "string") {
    return void problems.push(`contexts[${i}] needs a name and a context with a cluster.`);
  }
  const who = `Context "${entry.name}"`;
  return { name: entry.name, cluster: c.cluster, user: optionalString(who, "user", c.user, problems), namespace: optionalString(who, "namespace", c.namespace, problems) };
}

function entries(doc: Obj, key: string, problems: string[]): unknown[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  problems.push(`"${key}" must be a list.`);
  return [];
}

/**
 * Judges a parsed kubeconfig against the policy. Every user and cluster
 * entry is checked, used by a context or not, so a stored kubeconfig never
 * holds an entry that would act on the server if another context were picked.
 * Returns every problem found (each naming its entry and how to fix it), or
 * the kubeconfig reduced to the fields Firedrill passes to client-node.
 */
export function applyKubeconfigPolicy(doc: unknown, policy: KubeconfigPolicy): PolicyVerdict {
  if (!isObj(doc)) return { ok: false, problems: ["A kubeconfig is a YAML mapping with clusters, users and contexts."] };
  const problems: string[] = [];
  const clusters = entries(doc, "clusters", problems).map((e, i) => checkCluster(e, i, policy, problems));
  const users = entries(doc, "users", problems).map((e, i) => checkUser(e, i, policy, problems));
  const contexts = entries(doc, "contexts", problems).map((e, i) => checkContext(e, i, problems));
  const current = doc["current-context"];
  if (problems.length) return { ok: false, problems };
  const present = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined);
  return { ok: true, config: { clusters: present(clusters), users: present(users), contexts: present(contexts), currentContext: typeof current === "string" && current ? current : undefined } };
}
