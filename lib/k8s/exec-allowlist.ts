import "server-only";
import fs from "node:fs";
import path from "node:path";

/** The environment variable in which the operator lists the credential plugins a kubeconfig may run. */
export const EXEC_COMMANDS_ENV = "FIREDRILL_KUBECONFIG_EXEC_COMMANDS";

/** One credential plugin the operator allows: the program, and the arguments its invocation must start with. */
export interface ExecAllowEntry {
  /** A bare name looked up on the server's PATH (`kubelogin`) or an absolute path. */
  command: string;
  /** `aws eks get-token` allows `aws` only with arguments starting `eks get-token`. */
  leadingArgs: string[];
}

/**
 * Why a plugin may not run, which decides what the operator can do about it:
 * `never` (a shell, or a spelling no program has), `not-listed`,
 * `not-installed` (listed, but not on the server), `arguments` (listed with
 * other leading arguments).
 */
export type ExecRefusal = "never" | "not-listed" | "not-installed" | "arguments";

/** What a kubeconfig's exec command comes to: the absolute path to spawn, or why not. */
export type ExecDecision = { allowed: true; path: string } | { allowed: false; refusal: ExecRefusal; reason: string };

/**
 * Reads the operator's allowlist: comma-separated entries, each a command
 * followed, optionally, by the arguments it must be invoked with first, e.g.
 * `aws eks get-token,gke-gcloud-auth-plugin,/usr/local/bin/kubelogin get-token`.
 * Unset or empty means no credential plugin runs at all.
 */
export function readExecAllowlist(env: Record<string, string | undefined> = process.env): ExecAllowEntry[] {
  return (env[EXEC_COMMANDS_ENV] ?? "")
    .split(",")
    .map((entry) => entry.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0)
    .map(([command, ...leadingArgs]) => ({ command, leadingArgs }));
}

// Programs that run other programs (shells, interpreters, wrappers): allowing
// one would allow any command, so no allowlist entry can make them a plugin.
const RUNNERS = new Set([
  "sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "csh", "tcsh", "fish", "busybox", "toybox",
  "env", "xargs", "sudo", "doas", "su", "nohup", "nice", "ionice", "timeout", "setsid", "stdbuf",
  "chroot", "flock", "strace", "ltrace", "gdb", "script", "watch", "time", "find", "make", "ssh",
  "awk", "gawk", "mawk", "nawk", "sed", "cmd", "cmd.exe", "powershell", "pwsh", "osascript",
]);
const INTERPRETER = /^(node|nodejs|deno|bun|python|pypy|perl|ruby|php|lua|luajit|tclsh|wish|java|rscript|npx|npm)[0-9.]*(\.exe)?$/i;

function isRunner(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return RUNNERS.has(name) || INTERPRETER.test(name);
}

// A bare name is a program name and nothing else: no spaces, quotes, `$`, `;`
// or separators that a shell (never used, but still) or a path lookup could read.
const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a program would run from, resolved with the server's own PATH (never
 * the kubeconfig's exec.env, which could point PATH at another directory).
 * Empty and relative PATH entries are skipped: they mean the working directory.
 */
function locate(command: string, pathEnv: string | undefined): string | null {
  if (command.includes("/")) return isExecutableFile(command) ? command : null;
  for (const dir of (pathEnv ?? "").split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** Why a command's spelling is refused before anything is looked up, or null when it is a bare name or a clean absolute path. */
function badSpelling(command: string): string | null {
  if (command.includes("\0") || command.includes("\\")) return "contains characters no program path has";
  if (!command.includes("/")) return BARE_NAME.test(command) ? null : "is not a plain program name (no spaces, quotes or shell syntax)";
  if (!path.isAbsolute(command)) return "is a relative path; use the program's name or its absolute path";
  if (command.split("/").some((s) => s === ".." || s === ".") || path.normalize(command) !== command) return "contains '.', '..' or repeated '/' segments";
  return null;
}

const startsWith = (args: string[], prefix: string[]) => prefix.every((a, i) => args[i] === a);

/**
 * Decides whether a kubeconfig's exec plugin may run, as kubectl's
 * credentialPluginAllowlist does: both the kubeconfig's command and each
 * allowlist entry are resolved to a file (bare names via the server's PATH)
 * and compared by real path, so `../` tricks, symlinks and look-alike copies
 * elsewhere on disk do not match. Shells and interpreters never match.
 */
export function decideExecCommand(command: unknown, args: string[], allowlist: ExecAllowEntry[], pathEnv: string | undefined = process.env.PATH): ExecDecision {
  const never = (reason: string): ExecDecision => ({ allowed: false, refusal: "never", reason });
  if (typeof command !== "string" || command.trim() === "") return never("has no command");
  const spelling = badSpelling(command);
  if (spelling) return never(`command "${command}" ${spelling}`);
  if (isRunner(command)) return never(`command "${command}" is a shell or interpreter, which Firedrill never runs as a credential plugin`);
  const located = locate(command, pathEnv);
  const real = located ? realpath(located) : null;
  if (real && isRunner(real)) return never(`command "${command}" is ${real}, a shell or interpreter, which Firedrill never runs as a credential plugin`);
  const sameProgram = allowlist.filter((e) => {
    if (badSpelling(e.command) || isRunner(e.command)) return false;
    const where = locate(e.command, pathEnv);
    return real && where ? realpath(where) === real : e.command === command;
  });
  if (sameProgram.length === 0) {
    const listed = allowlist.length ? `it lists: ${allowlist.map((e) => [e.command, ...e.leadingArgs].join(" ")).join(", ")}` : "it is not set, so no credential plugin may run";
    return { allowed: false, refusal: "not-listed", reason: `credential plugin "${command}" is not in the server's ${EXEC_COMMANDS_ENV} (${listed})` };
  }
  if (!located) return { allowed: false, refusal: "not-installed", reason: `credential plugin "${command}" is allowed but not installed on the Firedrill server (not found on its PATH)` };
  if (!sameProgram.some((e) => startsWith(args, e.leadingArgs))) {
    const wanted = sameProgram.map((e) => `"${e.leadingArgs.join(" ")}"`).join(" or ");
    return { allowed: false, refusal: "arguments", reason: `credential plugin "${command}" is allowed only with arguments starting ${wanted}` };
  }
  return { allowed: true, path: located };
}
