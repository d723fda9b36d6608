import type { Page } from "@playwright/test";

export interface LegibilityIssue {
  text: string;
  fontPx: number;
  minFontPx: number;
  contrast: number;
  minContrast: number;
}

export interface LegibilityReport {
  viewport: { width: number; height: number };
  checked: number;
  smallestFontPx: number;
  lowestContrast: number;
  issues: LegibilityIssue[];
}

/**
 * Audits every piece of visible text inside `root`: its computed font size
 * against a minimum scaled to the screen (1/45 of the height at 16:9, i.e.
 * 24 px at 1080p and 48 px at 4K; twice that for elements marked
 * data-legible="key"), and its contrast against the background actually
 * behind it (WCAG 2 formula, AA 4.5:1 for all text).
 */
export async function auditLegibility(page: Page, root = ".presenter"): Promise<LegibilityReport> {
  return page.evaluate((rootSelector) => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3] + under[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const lum = ([r, g, b]: Rgba) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const backgroundOf = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let color: Rgba = [255, 255, 255, 1]; // the canvas behind everything
      for (const layer of layers.reverse()) color = over(layer, color);
      return color;
    };
    const rootEl = document.querySelector(rootSelector);
    const w = window.innerWidth;
    const h = window.innerHeight;
    const unit = Math.min(w / 60, h / 33.75);
    const issues: LegibilityIssue[] = [];
    let checked = 0;
    let smallestFontPx = Infinity;
    let lowestContrast = Infinity;
    for (const el of rootEl ? [rootEl, ...rootEl.querySelectorAll("*")] : []) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "");
      if (!hasText) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === "hidden" || style.display === "none") continue; // screen-reader-only text
      checked++;
      const fontPx = parseFloat(style.fontSize);
      const minFontPx = (el.matches('[data-legible="key"]') ? 1.5 : 0.75) * unit;
      const bg = backgroundOf(el);
      const fg = over(parse(style.color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const contrast = (hi + 0.05) / (lo + 0.05);
      smallestFontPx = Math.min(smallestFontPx, fontPx);
      lowestContrast = Math.min(lowestContrast, contrast);
      if (fontPx + 0.01 < minFontPx || contrast < 4.5) {
        issues.push({ text: (el.textContent ?? "").trim().slice(0, 60), fontPx, minFontPx: Math.round(minFontPx * 10) / 10, contrast: Math.round(contrast * 100) / 100, minContrast: 4.5 });
      }
    }
    return { viewport: { width: w, height: h }, checked, smallestFontPx, lowestContrast: Math.round(lowestContrast * 100) / 100, issues };
  }, root);
}
