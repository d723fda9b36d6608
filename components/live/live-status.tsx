"use client";

import { useLive } from "./live-provider";

const LABELS = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" } as const;

/** Says whether this screen is receiving the others' changes right now. */
export function LiveStatus() {
  const live = useLive();
  if (!live) return null;
  return (
    <span className={`badge live-status ${live.connection === "live" ? "badge-ok" : "badge-warn"}`} role="status" data-testid="live-status" data-connection={live.connection} data-live-seq={live.seq}>
      <span aria-hidden>{live.connection === "live" ? "● " : "○ "}</span>
      {LABELS[live.connection]}
    </span>
  );
}
