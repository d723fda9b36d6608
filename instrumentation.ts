// Runs once when a Firedrill server process starts: the run engine takes
// over runs whose process died (reverting their faults), ends runs whose
// duration elapsed, and retries failed reverts. Node runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.FIREDRILL_ENGINE === "off") return;
  const { startEngineLoop } = await import("./lib/runs/engine/engine-loop");
  startEngineLoop();
}
