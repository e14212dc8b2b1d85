import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { blockKitProblems, LIMITS } from "../../src/render/block-limits.js";
import { DETAILS_CALLBACK_ID, detailsModal, warningText } from "../../src/render/details.js";
import { escapeMrkdwn } from "../../src/render/mrkdwn.js";
import { form4FixtureNames, readForm4Fixture } from "../fixtures.js";
import { buildSummary, transaction } from "./build-summary.js";
import {
  COMPACT_FIXTURES,
  type CompactFixture,
  compactSummary,
  visibleTexts,
} from "./compact-fixtures.js";

const URL = `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/000135010207000099/`;

function modalText(view: ReturnType<typeof detailsModal>): string {
  return visibleTexts(view.blocks).join("\n");
}

describe("the Details modal", () => {
  it.each(Object.keys(COMPACT_FIXTURES) as CompactFixture[])(
    "%s: every row, every holding, every derivative, every reading note; within modal limits",
    (name) => {
      const summary = compactSummary(name);
      const view = detailsModal(summary, { url: URL });
      expect(view.callback_id).toBe(DETAILS_CALLBACK_ID);
      expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitleText);
      expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerView);
      expect(blockKitProblems(view.blocks, LIMITS.blocksPerView)).toEqual([]);
      const text = modalText(view);
      summary.transactions.forEach((_t, i) => {
        expect(text).toContain(`\n${i + 1}. `);
      });
      for (const w of summary.warnings)
        expect(text).toContain(escapeMrkdwn(warningText(w)).slice(0, 60));
      expect(text.match(/^\d+\. /gm)?.length ?? 0).toBe(summary.transactions.length);
      if (summary.holdingsAfter.length > 0) expect(text).toContain("*Holdings after*");
      if (summary.derivativesHeld.length > 0)
        expect(text).toContain("*Derivative securities held*");
    },
  );

  it("seed: the inferred row, the plan's footnote quoted, the code's definition", () => {
    const text = modalText(detailsModal(compactSummary("seed"), { url: URL }));
    expect(text).toContain(
      "5. Nov 13, 2007 · S · −200 (inferred) · price not reported · holds 42,800 directly",
    );
    expect(text).toContain(
      "Table I row 5: shares not stated; 200 inferred from the change in shares owned after",
    );
    expect(text).toContain(
      "10b5-1: \u201cThe sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan",
    );
    expect(text).toContain(
      "S: Open market or private sale of non-derivative or derivative security",
    );
    expect(text).toContain("25,000 Options to purchase common stock (vested; from footnote)");
  });

  it("joint filing: every filer named with their role", () => {
    const text = modalText(detailsModal(compactSummary("joint filing"), { url: URL }));
    expect(text).toContain("*Filed jointly by*");
    expect(text.match(/\(10% owner\)/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
  });

  it("every real filing fits a modal", () => {
    for (const name of form4FixtureNames()) {
      const view = detailsModal(summarize(parseFiling(readForm4Fixture(name))), { url: URL });
      expect(blockKitProblems(view.blocks, LIMITS.blocksPerView), name).toEqual([]);
    }
  });

  it("6,000 rows: within 100 blocks, the rest counted, never a block over Slack's limits", () => {
    const rows = Array.from({ length: 6000 }, (_, i) =>
      transaction({ shares: 1, price: 10, sharesOwnedAfter: 10_000 - i }),
    );
    const view = detailsModal(buildSummary({ transactions: rows }), { url: URL });
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerView);
    expect(blockKitProblems(view.blocks, LIMITS.blocksPerView)).toEqual([]);
    expect(modalText(view)).toMatch(/and [\d,]+ more lines: see the filing on EDGAR/);
  });
});
