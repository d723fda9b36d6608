// Runs once when a Firedrill server process starts: stamps requests with the
// client's real address (rate limits), prints the one-time setup link while
// the installation has no admin, and starts the run engine, which takes over
// runs whose process died (reverting their faults), ends runs whose duration
// elapsed, and retries failed reverts. Node runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddresses } = await import("./lib/runtime/peer-address");
  stampPeerAddresses();
  const { announceSetupLink } = await import("./lib/auth/announce-setup-link");
  await announceSetupLink().catch((error) => console.error("firedrill: could not issue the setup link:", error));
  if (process.env.FIREDRILL_ENGINE === "off") return;
  const { startEngineLoop } = await import("./lib/runs/engine/engine-loop");
  startEngineLoop();
}
