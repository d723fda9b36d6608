/** Seconds before the first injection that count as the baseline. */
export const BASELINE_SEC = 60;
/** Seconds after the revert that count as "after" (the snapshot is completed once they have passed). */
export const AFTER_SEC = 30;

/** Something that happened during a run, drawn on its charts. */
export interface RunMarker {
  at: number;
  /** alert-*: from lib/alerts (an alert fired in Prometheus, a notification paged, it resolved). */
  kind: "inject" | "stop" | "abort" | "revert" | "alert-fired" | "alert-paged" | "alert-resolved";
  label: string;
}

/**
 * The fault window and the markers of a run, from its timeline: the window
 * opens at the first injection (or the start) and closes at the first stop,
 * abort or revert (or the end); open while the run is live.
 */
export function runMarkers(run: { startedAt: Date | null; endedAt: Date | null; events: { at: Date; type: string; message: string }[] }): { faultWindow: { from: number; to: number | null } | null; markers: RunMarker[] } {
  const sec = (d: Date) => d.getTime() / 1000;
  const markers: RunMarker[] = run.events
    .filter((e) => e.type === "inject" || e.type === "stop" || e.type === "abort" || e.type === "revert")
    .map((e) => ({ at: sec(e.at), kind: e.type as RunMarker["kind"], label: e.message.length > 80 ? `${e.message.slice(0, 79)}…` : e.message }));
  const firstInject = markers.find((m) => m.kind === "inject")?.at ?? (run.startedAt ? sec(run.startedAt) : null);
  if (firstInject === null) return { faultWindow: null, markers };
  const end = markers.find((m) => m.kind !== "inject" && !m.kind.startsWith("alert") && m.at >= firstInject)?.at ?? (run.endedAt ? sec(run.endedAt) : null);
  return { faultWindow: { from: firstInject, to: end }, markers };
}
