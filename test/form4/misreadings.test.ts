// The patterns the 100-filing review found misread, each on a filing built the way the real ones
// are written (the wording quoted from the filings the review read).

import { describe, expect, it } from "vitest";
import { holderNamed, readPlanStatement } from "../../src/form4/footnotes.js";
import type { Row } from "../../src/form4/model.js";
import { parseDate } from "../../src/form4/parse/values.js";
import { summarize } from "../../src/form4/summarize.js";
import { headline, type Markup } from "../../src/render/content.js";
import { filing, OFFICER, row } from "./build-filing.js";

describe("dates in capitals", () => {
  it.each([
    ["SEPTEMBER 14, 2021", "2021-09-14"],
    ["JUNE 22, 2007", "2007-06-22"],
    ["SEPT. 3, 2021", "2021-09-03"],
    ["14 SEPTEMBER 2021", "2021-09-14"],
    ["september 14, 2021", "2021-09-14"],
  ])("%s → %s", (raw, iso) => expect(parseDate(raw)).toBe(iso));

  it("still refuses words that only start like a month", () => {
    expect(parseDate("Marching 5, 2020")).toBeNull();
    expect(parseDate("Junk 5, 2020")).toBeNull();
  });

  it("reads the adoption date of a plan written in capitals, so days to trade are counted", () => {
    const s = summarize(
      filing({
        owners: [OFFICER],
        rows: [row({ code: "S", date: "2021-12-20", shares: 100, price: 10, after: 900 })],
        footnotes: {
          F1: "THE SALES REPORTED ON THIS FORM 4 WERE EFFECTED PURSUANT TO A RULE 10B5-1 TRADING PLAN ADOPTED ON SEPTEMBER 14, 2021.",
        },
      }),
    );
    expect(s.plan10b51).toMatchObject({
      used: true,
      adoptionDate: "2021-09-14",
      daysToFirstTrade: 97,
    });
  });
});

describe("plan linking phrases", () => {
  it.each([
    "The sales reported herein were effected in compliance with a preexisting Rule 10b5-1 plan.",
    "The shares were sold in accordance with a Rule 10b5-1 trading plan adopted by the Reporting Person on March 3, 2023.",
    "These sales were made under a Rule 10b5-1 trading plan.",
    "The sale was effected in connection with a Rule 10b5-1 trading plan.",
  ])("reads %s as a plan", (text) => {
    expect(readPlanStatement(text)?.used).toBe(true);
  });

  it.each([
    "The sales reported herein were not effected in compliance with a Rule 10b5-1 plan.",
    "None of the shares were sold in accordance with a Rule 10b5-1 trading plan.",
    "These sales were not made under a Rule 10b5-1 trading plan.",
  ])("keeps the negation in %s", (text) => {
    expect(readPlanStatement(text)?.used).toBe(false);
  });

  it("marks the filing's sales as under the plan when the footnote says 'in compliance with'", () => {
    const s = summarize(
      filing({
        rows: [row({ code: "S", shares: 100, price: 10, after: 900, priceFootnotes: ["F1"] })],
        footnotes: {
          F1: "The sales reported herein were effected in compliance with a preexisting Rule 10b5-1 plan.",
        },
      }),
    );
    expect(s.plan10b51).toMatchObject({ used: true, source: "footnote" });
    expect(s.transactions[0]?.plan10b51).toBe(true);
  });
});

describe("a derivative position fully converted in a later row", () => {
  // Series A Preferred, convertible at any time with no expiration: the filer footnotes the
  // dates of each row with its own note, so the two rows carry different footnote ids.
  const preferred = (spec: Parameters<typeof row>[0], notes: string): Row => {
    const r = row({
      table: "derivative",
      security: "Series A Convertible Preferred Stock",
      code: "C",
      ad: "D",
      price: 0,
      exercisePrice: 0,
      underlyingSecurity: "Common Stock",
      ...spec,
    });
    r.exerciseDate = { value: null, footnoteIds: [notes] };
    r.expirationDate = { value: null, footnoteIds: [notes] };
    r.price = { value: 0, footnoteIds: [notes] };
    return r;
  };

  it("is no longer held: the last row of the position wins", () => {
    const s = summarize(
      filing({
        rows: [
          preferred({ shares: 1_000_000, after: 6_883_086, underlyingShares: 1_000_000 }, "F2"),
          preferred({ shares: 6_883_086, after: 0, underlyingShares: 6_883_086 }, "F4"),
        ],
        footnotes: {
          F2: "The Series A Preferred Stock is convertible at any time and has no expiration date.",
          F4: "Each share of Series A Preferred Stock converted automatically into Common Stock on the closing of the offering and has no expiration date.",
        },
      }),
    );
    expect(s.derivativesHeld).toEqual([]);
  });

  it("keeps two positions whose rows do not continue each other", () => {
    const s = summarize(
      filing({
        rows: [
          preferred({ shares: 1_000, after: 5_000, underlyingShares: 1_000 }, "F2"),
          preferred({ shares: 500, after: 2_000, underlyingShares: 500 }, "F4"),
        ],
      }),
    );
    expect(s.derivativesHeld.map((d) => d.shares)).toEqual([5_000, 2_000]);
  });
});

describe("indirect holders' names", () => {
  it.each([
    [
      'The shares are held directly by Reprogrammed Interchange LLC ("Reprogrammed"). The reporting person may be deemed to share beneficial ownership of the shares held by Reprogrammed by virtue of his shared control over and interest in Reprogrammed.',
      "Reprogrammed Interchange LLC",
    ],
    [
      "The reporting person may be deemed to share beneficial ownership of the shares held by Reprogrammed by virtue of his shared control over and interest in Reprogrammed.",
      "Reprogrammed",
    ],
    [
      "These shares are held by each of the Sacks Family 2021 Irrevocable Trust fbo Child A, the Sacks Family 2021 Irrevocable Trust fbo Child B and the Sacks Family 2021 Irrevocable Trust fbo Child C.",
      "Sacks Family 2021 Irrevocable Trust",
    ],
    [
      "The shares are held by the 2020 Fintail Irrevocable GST Exempt Trust f/b/o Child 1 dated December 1, 2020.",
      "2020 Fintail Irrevocable GST Exempt Trust f/b/o Child 1",
    ],
    ["Held by The Smith Family Trust u/a/d 3/4/1999.", "Smith Family Trust"],
  ])("%s → %s", (text, name) => expect(holderNamed(text)).toBe(name));

  it("names nobody when the words after 'held by' are not a name", () => {
    expect(holderNamed("The shares are held by his spouse.")).toBeNull();
  });
});

describe('"price given only in footnote"', () => {
  const unpriced = (priceFootnotes: string[]) =>
    row({
      table: "derivative",
      security: "Class B Common Stock",
      code: "C",
      ad: "D",
      shares: 1000,
      price: null,
      priceFootnotes,
      after: 0,
      underlyingSecurity: "Class A Common Stock",
      underlyingShares: 1000,
    });

  it("is said for a footnote that states a price", () => {
    const s = summarize(
      filing({
        rows: [unpriced(["F1"])],
        footnotes: { F1: "The shares were sold at a price of $12.50 per share in a private sale." },
      }),
    );
    expect(s.warningDetails).toContainEqual(
      expect.objectContaining({ code: "price-in-footnote", where: "Table II row 1" }),
    );
  });

  it("is not said for a footnote that states no price", () => {
    const s = summarize(
      filing({
        rows: [unpriced(["F1"])],
        footnotes: {
          F1: "The Class B Common Stock is convertible into Class A Common Stock on a one-for-one basis at the holder's option and has no expiration date.",
        },
      }),
    );
    expect(s.warningDetails.filter((w) => w.code === "price-in-footnote")).toEqual([]);
    expect(s.transactions[0]?.price).toBeNull();
  });

  it("names the footnote that describes the price when several sit on it", () => {
    const s = summarize(
      filing({
        rows: [unpriced(["F1", "F2"])],
        footnotes: {
          F1: "The Class B Common Stock has no expiration date.",
          F2: "The conversion was for no consideration.",
        },
      }),
    );
    expect(s.warnings.join("\n")).toMatch(/price given only in footnote F2/);
  });
});

describe("headline facts of exercises and vesting", () => {
  const plain: Markup = { text: (s) => s, strong: (s) => s };

  it("warrants exercised for Class B shares: the Class B is acquired, the warrants exercised", () => {
    // Class B is itself convertible, so both sides sit in Table II.
    const s = summarize(
      filing({
        issuer: { cik: "0001", name: "Example Corp", ticker: "EXM" },
        rows: [
          row({
            table: "derivative",
            security: "Warrants (right to buy)",
            code: "X",
            ad: "D",
            shares: 708_646,
            price: 0,
            exercisePrice: 11.5,
            expirationDate: "2026-06-30",
            after: 0,
            underlyingSecurity: "Class B Common Stock",
            underlyingShares: 708_646,
          }),
          row({
            table: "derivative",
            security: "Class B Common Stock",
            code: "X",
            ad: "A",
            shares: 708_646,
            price: 11.5,
            exercisePrice: 0,
            after: 708_646,
            underlyingSecurity: "Class A Common Stock",
            underlyingShares: 708_646,
          }),
        ],
      }),
    );
    const warrants = s.groups.find((g) => g.acquiredDisposed === "D");
    const classB = s.groups.find((g) => g.acquiredDisposed === "A");
    expect(warrants).toMatchObject({ mirrored: true, vesting: false });
    expect(classB).toMatchObject({
      mirrored: false,
      exercisedFrom: ["Warrants (right to buy)"],
    });
    expect(headline(s, plain)).toBe(
      "Jane Doe (Chief Executive Officer) acquired 708,646 Class B Common Stock by exercising Warrants (right to buy)",
    );
  });

  it("RSUs vesting are told as vesting, once", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "M", ad: "A", shares: 2_500, price: 0, after: 12_500 }),
          row({ code: "F", ad: "D", shares: 900, price: 41.2, after: 11_600 }),
          row({
            table: "derivative",
            security: "Restricted Stock Units",
            code: "M",
            ad: "D",
            shares: 2_500,
            price: 0,
            after: 7_500,
            underlyingSecurity: "Common Stock",
            underlyingShares: 2_500,
          }),
        ],
      }),
    );
    const tableI = s.groups.find((g) => g.table === "nonDerivative" && g.code === "M");
    const tableII = s.groups.find((g) => g.table === "derivative");
    expect(tableI).toMatchObject({ vesting: true, exercisedFrom: ["Restricted Stock Units"] });
    expect(tableII).toMatchObject({ vesting: true, mirrored: true });
    const line = headline(s, plain);
    expect(line).toBe(
      "Jane Doe (Chief Executive Officer) received 2,500 EXM shares as units vested and had 900 shares withheld for tax or the exercise price at $41.20",
    );
    expect(line).not.toMatch(/exercising/);
  });

  it("the Table II side of an option exercise is not a second trade", () => {
    const s = summarize(
      filing({
        rows: [
          row({ code: "M", ad: "A", shares: 10_000, price: 12, after: 10_000 }),
          row({ code: "S", ad: "D", shares: 10_000, price: 30, after: 0 }),
          row({
            table: "derivative",
            security: "Stock Option (right to buy)",
            code: "M",
            ad: "D",
            shares: 10_000,
            price: 0,
            exercisePrice: 12,
            expirationDate: "2030-01-01",
            after: 0,
            underlyingSecurity: "Common Stock",
            underlyingShares: 10_000,
          }),
        ],
      }),
    );
    const option = s.groups.find((g) => g.table === "derivative");
    expect(option).toMatchObject({ mirrored: true, vesting: false });
    expect(s.groups.filter((g) => !g.mirrored)).toHaveLength(2);
    expect(headline(s, plain)).toBe(
      "Jane Doe (Chief Executive Officer) acquired 10,000 EXM shares by exercising Stock Option (right to buy) at $12.00 and sold 10,000 shares at $30.00",
    );
  });

  it("an exercise with no other side stays a trade of its own", () => {
    const s = summarize(
      filing({
        rows: [
          row({
            table: "derivative",
            security: "Stock Option (right to buy)",
            code: "M",
            ad: "D",
            shares: 100,
            price: 0,
            exercisePrice: 5,
            after: 0,
          }),
        ],
      }),
    );
    expect(s.groups[0]).toMatchObject({ mirrored: false, vesting: false });
  });
});
