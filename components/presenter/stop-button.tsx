"use client";

/**
 * The one big Stop button. The first press (click or S) arms it, the second
 * stops: two presses in a row take a fraction of a second in an emergency,
 * and one stray key or click cannot end a run by accident.
 */
export function StopButton({ armed, pending, onPress }: { armed: boolean; pending: boolean; onPress: () => void }) {
  return (
    <button type="button" className={`pr-stop ${armed ? "pr-stop-armed" : ""}`} onClick={onPress} disabled={pending} aria-describedby="pr-stop-hint" data-legible="key" data-testid="presenter-stop">
      {pending ? "Stopping…" : armed ? "■ Press again to STOP" : "■ STOP"}
      <span id="pr-stop-hint" className="pr-stop-hint">
        {armed ? "S or click again now" : "press S twice"}
      </span>
    </button>
  );
}
