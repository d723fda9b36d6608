"use client";

/** Switches light/dark; remembered per browser. */
export function ThemeToggle() {
  return (
    <button
      className="btn btn-small btn-ghost"
      type="button"
      aria-label="Toggle light or dark theme"
      onClick={() => {
        const root = document.documentElement;
        const next = root.dataset.theme === "light" ? "dark" : "light";
        root.dataset.theme = next;
        try {
          localStorage.setItem("firedrill-theme", next);
        } catch {}
      }}
    >
      ◐ Theme
    </button>
  );
}
