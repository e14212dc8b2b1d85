import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { messageProblems } from "../../src/render/block-limits.js";
import {
  CARD_BUDGET,
  DETAILS_ACTION_ID,
  detailsButtonValue,
  filingCard,
  filingCardUnfurl,
  parseDetailsButtonValue,
  VIEW_ON_EDGAR_ACTION_ID,
} from "../../src/render/card.js";
import { form4FixtureNames, readForm4Fixture } from "../fixtures.js";
import {
  COMPACT_FIXTURES,
  type CompactFixture,
  compactSummary,
  visibleLength,
  visibleTexts,
} from "./compact-fixtures.js";

const URL = `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/000135010207000099/`;
const KEY = { cik: "0001350102", accessionNumber: "0001350102-07-000099", primaryDocument: null };

function card(name: CompactFixture, stale = false) {
  return filingCard(compactSummary(name), { url: URL, key: KEY, stale });
}

function headlineOf(name: CompactFixture): string {
  const first = card(name).blocks[0];
  return first?.type === "section" ? (first.text?.text ?? "") : "";
}

describe("the compact card on the real fixtures", () => {
  it.each(Object.keys(COMPACT_FIXTURES) as CompactFixture[])(
    "%s: within the budget, Slack accepts it, both buttons, no reading notes",
    (name) => {
      for (const stale of [false, true]) {
        const message = card(name, stale);
        expect(messageProblems(message)).toEqual([]);
        expect(message.blocks.length).toBeLessThanOrEqual(CARD_BUDGET.blocks);
        expect(visibleLength(message.blocks)).toBeLessThanOrEqual(CARD_BUDGET.characters);
        const actions = message.blocks.at(-1);
        expect(actions).toMatchObject({ type: "actions" });
        const ids = actions?.type === "actions" ? actions.elements.map((e) => e.action_id) : [];
        expect(ids).toEqual([DETAILS_ACTION_ID, VIEW_ON_EDGAR_ACTION_ID]);
        const text = visibleTexts(message.blocks).join("\n");
        // The reading notes (warnings, "inferred from the change in shares owned after …") stay in Details.
        for (const w of compactSummary(name).warnings) {
          expect(text).not.toContain(
            String(typeof w === "string" ? w : (w as { text: string }).text).slice(0, 40),
          );
        }
        expect(text).not.toMatch(/Table I row \d/);
      }
    },
  );

  it("seed: value first, shares, average, 10b5-1, holdings change, the notes counted", () => {
    const message = card("seed");
    expect(headlineOf("seed")).toBe(
      "\u{1F534} *$21,858* *ASTI* Ashutosh Misra (SVP Operations &amp; Corp. Affairs) sold 1,500 shares at avg $16.81 (over the 1,300 priced shares) · 10b5-1 plan\nOwns 42,800 shares directly after (−3.4% of holdings)",
    );
    const text = visibleTexts(message.blocks).join("\n");
    expect(text).toContain(
      "Nov 13, 2007 · range $16.76–$16.96 · plan adopted Jun 22, 2007, 144 days before",
    );
    expect(text).toContain(
      "Derivatives held: 4,000 Class B Warrants, 30,000 Options to purchase common stock",
    );
    expect(text).toContain("1 row's shares inferred from holdings · 3 reading notes · see Details");
    expect(message.text).toContain("$21,858 ASTI Ashutosh Misra");
  });

  it("big multi-row sale: one line for 10,000 shares over 11 rows", () => {
    expect(headlineOf("big multi-row sale")).toBe(
      "\u{1F534} *$11.6M* *GOOG* Sundar Pichai (Director, CEO, Google LLC) sold 10,000 shares at avg $1,160.42 · 10b5-1 plan\nOwns 118,451 shares directly after (−7.8% of holdings)",
    );
  });

  it("joint filing: the first filer and how many others, the 10% owner role, bought", () => {
    expect(headlineOf("joint filing")).toBe(
      "\u{1F7E2} *$11.4M* *COUR* Pale Fire Capital SE and 4 others (10% owner) bought 2,332,742 shares at avg $4.87\nOwns 28,806,415 shares indirectly after (+8.8% of holdings)",
    );
  });

  it("derivative-heavy grant: no value, the options named, the derivatives in one line", () => {
    expect(headlineOf("derivative-heavy grant")).toBe(
      "\u26AA *VCNX* Chrystyna Bedrij Stecyk (Director) was granted 143,848 Stock Option (Right to Buy)",
    );
    expect(visibleTexts(card("derivative-heavy grant").blocks).join("\n")).toContain(
      "Derivatives held: 250,775 Stock Option (Right to Buy)",
    );
  });

  it("4/A: the amendment said in the small print", () => {
    expect(headlineOf("4/A")).toContain("was granted 661 shares");
    expect(visibleTexts(card("4/A").blocks).join("\n")).toContain(
      "Form 4/A · amends the filing of Dec 15, 2021",
    );
  });

  it("purchase: green, value, price", () => {
    expect(headlineOf("purchase")).toBe(
      "\u{1F7E2} *$55,150* *HEAR* Julia Sze (Director) bought 5,000 shares at avg $11.03\nOwns 18,453 shares directly after (+37% of holdings)",
    );
  });

  it("unfurl: the card with Details only (the pasted link is above it)", () => {
    const blocks = filingCardUnfurl(compactSummary("seed"), { key: KEY });
    const actions = blocks.at(-1);
    expect(actions?.type === "actions" ? actions.elements.map((e) => e.action_id) : []).toEqual([
      DETAILS_ACTION_ID,
    ]);
    expect(messageProblems({ text: "x", blocks })).toEqual([]);
  });

  it("every real filing fits Slack's limits as a card", () => {
    for (const name of form4FixtureNames()) {
      const summary = summarize(parseFiling(readForm4Fixture(name)));
      const message = filingCard(summary, { url: URL, key: KEY });
      expect(messageProblems(message), name).toEqual([]);
      expect(message.blocks.length, name).toBeLessThanOrEqual(CARD_BUDGET.blocks);
      expect(visibleLength(message.blocks), name).toBeLessThanOrEqual(CARD_BUDGET.characters);
    }
  });
});

describe("the Details button's value", () => {
  it("round-trips the filing's key, and refuses anything else", () => {
    const key = {
      cik: "0001350102",
      accessionNumber: "0001350102-07-000099",
      primaryDocument: "xslF345X02/doc4.xml",
    };
    expect(parseDetailsButtonValue(detailsButtonValue(key))).toEqual(key);
    expect(parseDetailsButtonValue(detailsButtonValue({ ...key, primaryDocument: null }))).toEqual({
      ...key,
      primaryDocument: null,
    });
    for (const bad of ["", "x|y|z", "1350102|0001350102-07-000099|../../etc", "<!channel>"]) {
      expect(parseDetailsButtonValue(bad)).toBeNull();
    }
  });
});
