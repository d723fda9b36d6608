import "server-only";
import crypto from "node:crypto";
import os from "node:os";

/** Identifies this app process in run leases (host, pid and a random part against pid reuse). */
export const PROCESS_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/** How long a lease holds without a heartbeat; another process takes over after it lapses. */
export const LEASE_MS = 15_000;

export const leaseUntil = () => new Date(Date.now() + LEASE_MS);
