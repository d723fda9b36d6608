/** Flips light/dark for this browser, as the top bar's toggle does (same storage key). */
export function toggleTheme(): "light" | "dark" {
  const root = document.documentElement;
  const next = root.dataset.theme === "light" ? "dark" : "light";
  root.dataset.theme = next;
  try {
    localStorage.setItem("firedrill-theme", next);
  } catch {}
  return next;
}

/** Enters or leaves full screen; browsers may refuse without a user gesture, which is fine. */
export function toggleFullScreen(): void {
  const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
  done?.catch(() => {});
}
