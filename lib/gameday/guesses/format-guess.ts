/**
 * Minutes as people wrote them: "45 s" under a minute, else up to two
 * decimals ("7.25 min", "30 min"): a guess is shown as it was entered, not
 * rounded into someone else's; "—" when open.
 */
export function formatMinutes(min: number | null): string {
  if (min === null || !Number.isFinite(min)) return "—";
  if (min < 1) return `${Math.round(min * 60)} s`;
  return `${Math.round(min * 100) / 100} min`;
}

/** Will it page, as a guess or a measurement: "pages", "no page", "—". */
export function formatPage(v: boolean | null): string {
  return v === null ? "—" : v ? "pages" : "no page";
}
