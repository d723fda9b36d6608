/** How long one call to a tracker may take before it counts as unreachable. */
export const TRACKER_TIMEOUT_MS = 15_000;

/** Client libraries' own logging off: failures are reported per ticket instead. */
export const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
