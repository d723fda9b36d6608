"use client";

import { useEffect } from "react";

export interface PresenterKeyHandlers {
  next(): void;
  previous(): void;
  timer(): void;
  stop(): void;
  theme(): void;
  fullScreen(): void;
  help(): void;
  escape(): void;
}

/** The keys, as the help overlay and footer list them. Clickers send PageDown/PageUp. */
export const PRESENTER_KEYS: { keys: string; what: string }[] = [
  { keys: "→ / PgDn", what: "next step" },
  { keys: "← / PgUp", what: "previous step" },
  { keys: "T", what: "start / clear timebox" },
  { keys: "S S", what: "stop the run" },
  { keys: "D", what: "light / dark" },
  { keys: "F", what: "full screen" },
  { keys: "?", what: "help" },
];

/** Presenter mode's keyboard: single keys, ignored while typing or with modifiers held. */
export function usePresenterKeys(handlers: PresenterKeyHandlers) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      const map: Record<string, (() => void) | undefined> = {
        ArrowRight: handlers.next,
        PageDown: handlers.next,
        ArrowLeft: handlers.previous,
        PageUp: handlers.previous,
        t: handlers.timer,
        T: handlers.timer,
        s: handlers.stop,
        S: handlers.stop,
        d: handlers.theme,
        D: handlers.theme,
        f: handlers.fullScreen,
        F: handlers.fullScreen,
        "?": handlers.help,
        Escape: handlers.escape,
      };
      const run = map[e.key];
      if (!run || e.repeat) return;
      e.preventDefault();
      run();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });
}
