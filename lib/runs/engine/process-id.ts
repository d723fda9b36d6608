import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { perProcess } from "@/lib/runtime/per-process";

/**
 * Identifies this app process in run leases (host, pid and a random part
 * against pid reuse). One per process, not per bundled copy of this module:
 * the action that starts a run and the engine loop that renews its lease must
 * agree on who owns it.
 */
export const PROCESS_ID = perProcess("process-id", () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`);

/** How long a lease holds without a heartbeat; another process takes over after it lapses. */
export const LEASE_MS = 15_000;

/** How often a process renews the leases of its runs: several times per lease, on a timer of its own. */
export const HEARTBEAT_MS = 5_000;

export const leaseUntil = () => new Date(Date.now() + LEASE_MS);
