/**
 * Styles of the standalone report (HTML download and PDF). Print rules keep a
 * run, a table row or a chart on one page and headings with what follows.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #111; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 20pt; margin: 0 0 .25rem; }
h2 { font-size: 14pt; margin: 1.4rem 0 .5rem; border-bottom: 1px solid #ccc; padding-bottom: .15rem; }
h3 { font-size: 12pt; margin: 1rem 0 .35rem; }
p { margin: .3rem 0; }
.meta, .muted, .generated { color: #555; }
.generated { font-size: 9pt; margin-top: 1.5rem; }
.summary-box { background: #f4f6fb; border-left: 4px solid #2563eb; padding: .6rem .8rem; font-size: 12pt; }
.pre { white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: 10pt; }
caption { text-align: left; font-weight: 600; padding-bottom: .2rem; }
th, td { border: 1px solid #ccc; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
td.num, th.num { text-align: right; }
.worse { color: #b91c1c; font-weight: 600; }
.better { color: #047857; }
.run { border: 1px solid #ddd; border-radius: 4px; padding: .5rem .75rem; margin: .5rem 0 1rem; }
.timeline { margin: .2rem 0; padding-left: 1.3rem; font-size: 10pt; }
.timeline time { font-variant-numeric: tabular-nums; color: #444; }
.badge { display: inline-block; font-size: 8.5pt; border: 1px solid #999; border-radius: 3px; padding: 0 .3rem; }
figure.chart { margin: .5rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
a { color: #1d4ed8; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { padding: 0; max-width: none; }
  h2, h3, caption, .run-head { break-after: avoid; }
  tr, figure.chart, .summary-box, .findings li { break-inside: avoid; }
  .run { break-inside: avoid-page; }
  thead { display: table-header-group; }
}
`;
