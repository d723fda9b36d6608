import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * A second Firedrill process (another replica behind the same database),
 * started the way the e2e harness starts the first: scripts/e2e-server.sh
 * with this process's DATABASE_URL and NEXT_DIST_DIR.
 */
export class Replica {
  private child: ChildProcess | null = null;
  private log = "";

  constructor(readonly port: number) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const root = path.resolve(__dirname, "../..");
    this.child = spawn("bash", ["scripts/e2e-server.sh", String(this.port)], { cwd: root, env: process.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [this.child.stdout, this.child.stderr]) stream?.on("data", (d: Buffer) => (this.log = (this.log + d.toString()).slice(-4000)));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`replica on ${this.port} exited:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/signin`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`replica on ${this.port} did not start:\n${this.log}`);
  }

  /** Kills the replica outright (SIGKILL to its process group), as a crash or an OOM kill would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      return;
    }
    await exited;
    this.child = null;
  }

  /** Stops the replica (its whole process group) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }, 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}
