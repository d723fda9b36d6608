// Prints with the real Chromium (CHROMIUM_PATH or /usr/bin/chromium) and reads the PDF's text back with pdftotext.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderPdf } from "./render-pdf";
import { exportReport } from "./export-report";
import { reportFixture } from "./report-fixture";

function pdfText(pdf: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "firedrill-pdf-")), "r.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

describe("PDF rendering in Chromium", () => {
  it("runs no JavaScript in the page: an inline script, an onload handler and a javascript: URL all stay inert", async () => {
    const html = `<!doctype html><html><head><title>t</title></head>
      <body onload="document.body.insertAdjacentText('beforeend', ' ONLOAD RAN')">
        <p id="p">Static report text</p>
        <script>document.getElementById("p").textContent = "SCRIPT RAN";</script>
        <noscript><p>Scripts are off</p></noscript>
        <iframe src="javascript:'IFRAME RAN'"></iframe>
      </body></html>`;
    const text = pdfText(await renderPdf(html, { title: "JavaScript test" }));
    expect(text).toContain("Static report text");
    expect(text).toContain("Scripts are off");
    expect(text).not.toContain("SCRIPT RAN");
    expect(text).not.toContain("ONLOAD RAN");
    expect(text).not.toContain("IFRAME RAN");
  }, 60_000);

  it("prints a report whose user text holds a script as that text", async () => {
    const r = reportFixture();
    r.gameDay.title = `<script>document.title="pwned"</script>Checkout`;
    const file = await exportReport(r, "pdf");
    const text = pdfText(file.body as Uint8Array);
    expect(text).toContain('GameDay report: <script>document.title="pwned"</script>Checkout');
    expect(text).toContain("Estimated vs measured impact");
  }, 60_000);
});
