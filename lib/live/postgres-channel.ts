import "server-only";
import { perProcess } from "@/lib/runtime/per-process";
import pg from "pg";
import { db } from "@/lib/db/client";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { deliver, resyncAll } from "./hub";
import { liveEventSchema, type LiveEvent } from "./live-event";

/**
 * Crossing replicas on PostgreSQL: every replica LISTENs on one channel and a
 * change is NOTIFYed there, so it reaches the screens of every replica,
 * including the one that made it. NOTIFY is transactional and ordered per
 * sender, and needs nothing but the database the replicas already share.
 */
const CHANNEL = "firedrill_live";

interface ListenerState {
  client: pg.Client | null;
  starting: Promise<void> | null;
  connectedOnce: boolean;
  retryMs: number;
  retryTimer: NodeJS.Timeout | null;
}

const state: ListenerState = perProcess("live-pg-listener", () => ({ client: null, starting: null, connectedOnce: false, retryMs: 500, retryTimer: null }));

/** Sends a change to every replica (this one included). Throws when the database refuses. */
export async function notifyReplicas(event: LiveEvent): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(event)})`;
}

/**
 * Makes sure this process listens, once. Resolves when listening (or when the
 * first attempt failed: it keeps retrying in the background, and screens get
 * a resync when it is back, because notifications sent meanwhile are lost).
 */
export function ensureListening(): Promise<void> {
  if (state.client) return Promise.resolve();
  state.starting ??= connect().finally(() => {
    state.starting = null;
  });
  return state.starting;
}

async function connect(): Promise<void> {
  const client = new pg.Client({ connectionString: resolveDatabaseTarget().url, keepAlive: true, application_name: "firedrill-live" });
  client.on("notification", (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    const parsed = liveEventSchema.safeParse(safeJson(msg.payload));
    if (parsed.success) deliver(parsed.data);
  });
  const lost = (error?: Error) => {
    if (state.client !== client) return;
    state.client = null;
    console.error("live: PostgreSQL listener lost", error?.message ?? "(connection ended)");
    client.end().catch(() => {});
    scheduleRetry();
  };
  client.on("error", lost);
  client.on("end", () => lost());
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
  } catch (error) {
    console.error("live: could not LISTEN on PostgreSQL:", (error as Error).message);
    client.end().catch(() => {});
    scheduleRetry();
    return;
  }
  state.client = client;
  state.retryMs = 500;
  // Changes made while we were not listening were never delivered here.
  if (state.connectedOnce) resyncAll();
  state.connectedOnce = true;
}

function scheduleRetry() {
  if (state.retryTimer) return;
  const wait = state.retryMs;
  state.retryMs = Math.min(state.retryMs * 2, 10_000);
  state.retryTimer = setTimeout(() => {
    state.retryTimer = null;
    ensureListening().catch(() => {});
  }, wait);
  state.retryTimer.unref?.();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
