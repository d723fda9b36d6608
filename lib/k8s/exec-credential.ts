import "server-only";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import type { KubeConfig } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors";

/** An exec credential plugin that passed the kubeconfig policy: what to spawn, resolved on the server. */
export interface AllowedExec {
  /** Absolute path of the program (resolved with the server's PATH, never the kubeconfig's). */
  path: string;
  /** The command as the kubeconfig spells it, for messages. */
  command: string;
  args: string[];
  /** Only the entries the operator allows; set in the plugin's environment, never in Firedrill's. */
  env: { name: string; value: string }[];
  apiVersion: string;
  provideClusterInfo: boolean;
}

type Authenticator = Parameters<KubeConfig["addAuthenticator"]>[0];
type RequestOptions = Parameters<Authenticator["applyAuthentication"]>[1];
interface Credential {
  token?: string;
  cert?: string;
  key?: string;
  expiresAt: number;
}

const PLUGIN_TIMEOUT_MS = 20_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;
// Without an expiry the plugin is asked again after this long (client-go waits for a 401; we have no hook for that).
const DEFAULT_LIFETIME_MS = 5 * 60_000;
const REFRESH_EARLY_MS = 30_000;

// Firedrill's own secrets stay out of the plugin's environment: its
// arguments come from whoever pasted the kubeconfig.
const SERVER_SECRET_ENV = /^(FIREDRILL_.*|DATABASE_URL|CLUSTER_TEST_DATABASE_URL|NEXTAUTH_.*|DOTENV_KEY)$/;

// One cache for the process, keyed by everything that decides the credential
// and where it is sent. client-node's own ExecAuth caches by user *name*
// across all kubeconfigs, so another team's connection with the same user
// name would be handed this one's token; this key cannot collide that way.
const cache = new Map<string, { expiresAt: number; credential: Promise<Credential> }>();

function childEnv(exec: AllowedExec, execInfo: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !SERVER_SECRET_ENV.test(name));
  const own = exec.env.map((e) => [e.name, e.value] as const);
  // Next.js types process.env with a required NODE_ENV; the plugin's environment is a plain map.
  return Object.fromEntries([...inherited, ...own, ["KUBERNETES_EXEC_INFO", execInfo]]) as NodeJS.ProcessEnv;
}

function pluginFailed(exec: AllowedExec, why: string, cause?: unknown): AppError {
  // Plugin output is not shown: its arguments are the pasting user's, and it may echo files it read.
  return new AppError({ code: "DEPENDENCY_FAILED", message: `The credential plugin "${exec.command}" ${why}. Its error output is in the Firedrill server's log.`, cause });
}

function parseCredential(exec: AllowedExec, stdout: string): Credential {
  let body: { kind?: unknown; status?: { token?: unknown; clientCertificateData?: unknown; clientKeyData?: unknown; expirationTimestamp?: unknown } };
  try {
    body = JSON.parse(stdout);
  } catch (error) {
    throw pluginFailed(exec, "did not print an ExecCredential (JSON)", error);
  }
  const s = body?.status;
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const credential: Credential = { token: str(s?.token), cert: str(s?.clientCertificateData), key: str(s?.clientKeyData), expiresAt: Date.now() + DEFAULT_LIFETIME_MS };
  if (body?.kind !== "ExecCredential" || (!credential.token && !(credential.cert && credential.key))) throw pluginFailed(exec, "printed no token and no client certificate");
  const expiry = str(s?.expirationTimestamp) ? Date.parse(s!.expirationTimestamp as string) : NaN;
  if (Number.isFinite(expiry)) credential.expiresAt = expiry - REFRESH_EARLY_MS;
  return credential;
}

/** Runs the plugin once: no shell, no stdin (never interactive), bounded in time and output. */
function runPlugin(exec: AllowedExec, execInfo: string): Promise<Credential> {
  return new Promise((resolve, reject) => {
    const child = spawn(exec.path, exec.args, { shell: false, env: childEnv(exec, execInfo), stdio: ["ignore", "pipe", "pipe"], timeout: PLUGIN_TIMEOUT_MS, windowsHide: true });
    let stdout = "";
    let stderr = "";
    let size = 0;
    const take = (chunk: Buffer, into: "out" | "err") => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) return void child.kill("SIGKILL");
      if (into === "out") stdout += chunk.toString("utf8");
      else stderr += chunk.toString("utf8");
    };
    child.stdout.on("data", (c: Buffer) => take(c, "out"));
    child.stderr.on("data", (c: Buffer) => take(c, "err"));
    child.on("error", (error) => reject(pluginFailed(exec, "could not be started", error)));
    child.on("close", (code, signal) => {
      if (code === 0) {
        try {
          resolve(parseCredential(exec, stdout));
        } catch (error) {
          reject(error);
        }
        return;
      }
      console.warn(`credential plugin ${exec.path} failed (${signal ?? `exit ${code}`}): ${stderr.slice(0, 2000)}`);
      reject(pluginFailed(exec, signal ? `was stopped (${signal}; over ${PLUGIN_TIMEOUT_MS / 1000} s or too much output)` : `failed (exit code ${code})`));
    });
  });
}

/**
 * Firedrill's exec credential authenticator, used instead of client-node's
 * ExecAuth (which writes exec.env into the server's process.env and caches
 * tokens by user name for every kubeconfig in the process). It serves only
 * the users of one KubeConfig whose plugins passed the policy.
 */
export function execCredentialAuthenticator(kc: KubeConfig, plugins: Map<string, AllowedExec>): Authenticator {
  return {
    isAuthProvider: (user) => plugins.has(user.name),
    async applyAuthentication(user, opts: RequestOptions) {
      const exec = plugins.get(user.name);
      if (!exec) return;
      const cluster = kc.getCurrentCluster();
      const clusterInfo = cluster && exec.provideClusterInfo ? { server: cluster.server, "certificate-authority-data": cluster.caData, "tls-server-name": cluster.tlsServerName, "insecure-skip-tls-verify": cluster.skipTLSVerify } : undefined;
      const execInfo = JSON.stringify({ apiVersion: exec.apiVersion, kind: "ExecCredential", spec: { interactive: false, cluster: clusterInfo } });
      const key = createHash("sha256").update(JSON.stringify([exec, cluster])).digest("hex");
      let hit = cache.get(key);
      if (!hit || hit.expiresAt <= Date.now()) {
        for (const [k, v] of cache) if (v.expiresAt <= Date.now()) cache.delete(k);
        const credential = runPlugin(exec, execInfo);
        hit = { expiresAt: Number.POSITIVE_INFINITY, credential };
        cache.set(key, hit);
        const entry = hit;
        credential.then(
          (c) => (entry.expiresAt = c.expiresAt),
          () => cache.get(key) === entry && cache.delete(key),
        );
      }
      const c = await hit.credential;
      const o = opts as { headers?: Record<string, string>; cert?: string; key?: string };
      if (c.cert && c.key) Object.assign(o, { cert: c.cert, key: c.key });
      if (c.token) (o.headers ??= {}).Authorization = `Bearer ${c.token}`;
    },
  };
}
