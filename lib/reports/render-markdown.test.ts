import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown";
import { summarySentence } from "./summarise";
import { reportFixture as fixture } from "./report-fixture";

describe("report", () => {
  it("summarises the day in one paragraph", () => {
    const s = fixture().summary;
    expect(s).toMatchObject({ failureModes: 2, runs: 1, held: 0, disproved: 1, worseThanExpected: 1, followUpsOpen: 1 });
    expect(summarySentence(s)).toBe(
      "The team brainstormed 2 failure modes and ran 1 experiment run across 1 experiment. 0 of 1 hypotheses held; 1 was disproved. 1 run went worse than estimated. 1 follow-up filed, 1 still open.",
    );
  });

  it("renders standalone Markdown with the estimate-vs-measured table and escapes user text", () => {
    const md = renderMarkdown(fixture());
    expect(md).toContain("# GameDay report: Checkout \\| resilience");
    expect(md).toContain("Learn \\*fast\\*  \nand safely");
    expect(md).toContain("| Severity | 2 | 3 | +1 level ⚠ worse |");
    expect(md).toContain("| Alert | fires | did not fire | did not fire ⚠ worse |");
    expect(md).toContain("| Time to recover | 10 min | 8 min | −2 min (better) |");
    expect(md).toContain("| DNS down | Network | 1 | not estimated | — |");
    expect(md).toContain("- 10:00:00 · inject · Kill pods started — Ada");
    expect(md).toContain("| FD-1 | Add alert | open | Pod dies |");
  });
});
