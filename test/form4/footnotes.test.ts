import { describe, expect, it } from "vitest";
import {
  adoptionDateIn,
  holderNamed,
  priceRanges,
  readHeldDerivatives,
  readPlanStatement,
  sentences,
} from "../../src/form4/footnotes.js";

const SEED_F1 =
  "The sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on June 22, 2007.";
const SEED_F2 =
  "Mr. Misra also holds the following securities: 4,000 Class B Warrants; vested options to purchase 25,000 shares of common stock; and unvested options to purchase 5,000 shares of common stock.";

describe("sentences", () => {
  it("does not split at abbreviations, initials or decimals", () => {
    expect(sentences(`${SEED_F2} He owns nothing else.`)).toEqual([
      SEED_F2,
      "He owns nothing else.",
    ]);
    expect(sentences("Sold at $16.76 by Apple Inc. Then more.")).toEqual([
      "Sold at $16.76 by Apple Inc. Then more.",
    ]);
    expect(sentences("Held by John K. Smith. Second one.")).toEqual([
      "Held by John K. Smith.",
      "Second one.",
    ]);
    expect(sentences("  ")).toEqual([]);
  });
});

describe("priceRanges", () => {
  it.each([
    [
      "The shares were sold in multiple transactions at prices ranging from $66.52 to $67.40, inclusive.",
      { min: 66.52, max: 67.4 },
    ],
    [
      "These shares were sold at prices that ranged from $1,155.25 to $1,156.24, inclusive.",
      {
        min: 1155.25,
        max: 1156.24,
      },
    ],
    [
      "The shares were sold in multiple transactions ranging from $150.300 to $151.295, inclusive.",
      {
        min: 150.3,
        max: 151.295,
      },
    ],
    ["Sold at prices between $10.00 and $10.50.", { min: 10, max: 10.5 }],
    [
      "executed in multiple trades at prices ranging from $159.42 to $160.41; the price reported",
      {
        min: 159.42,
        max: 160.41,
      },
    ],
    ["at prices ranging from $ 4.5759 to $ 4.6268, inclusive", { min: 4.5759, max: 4.6268 }],
    [
      "The shares were sold in multiple transactions in a range of $10.10 to $10.35.",
      { min: 10.1, max: 10.35 },
    ],
    [
      "These shares were sold at a weighted average price within a range of $20.01 to $20.44, inclusive.",
      { min: 20.01, max: 20.44 },
    ],
    [
      "The reported price is a weighted average; range of prices: $45.12-$45.90.",
      { min: 45.12, max: 45.9 },
    ],
    [
      "Weighted average price. The range of sale prices was $7.10 to $7.42.",
      { min: 7.1, max: 7.42 },
    ],
    [
      "The shares were sold in multiple transactions at prices ranging between $5.00 - $5.25.",
      { min: 5, max: 5.25 },
    ],
    ["The prices ranged: $3.50 – $3.65 per share.", { min: 3.5, max: 3.65 }],
    [
      "The shares were sold in multiple transactions from $12.00 to $12.40, inclusive.",
      { min: 12, max: 12.4 },
    ],
    [
      "The price reported is a weighted average of sales at prices between $1.00 – $1.20.",
      { min: 1, max: 1.2 },
    ],
    [
      "The price reported in Column 4 is a weighted average of prices of $7.01–$7.33.",
      { min: 7.01, max: 7.33 },
    ],
    ["The shares were purchased at $3.10 – $3.25 per share.", { min: 3.1, max: 3.25 }],
    [
      "Represents a weighted average sale price; the shares were sold at US $0.51 – US $0.56.",
      { min: 0.51, max: 0.56 },
    ],
  ])("%s", (text, range) => expect(priceRanges(text)).toEqual([range]));

  it.each([
    // Dates and share counts are not prices, even in a sentence about prices.
    "The shares were sold at prices set by the plan from January 1, 2024 to June 30, 2024, inclusive.",
    "The reporting person sold from 1,000 to 2,000 shares per day at prices ranging daily.",
    "Shares were sold at market prices on 3/1/2024 – 3/5/2024.",
    // Dollar spans that are not about the prices of the trades.
    "The exercise price was adjusted from $5.00 to $6.00 per share.",
    "Payable in annual installments of $1,000 – $2,000 under the separation agreement.",
  ])("finds no range in: %s", (text) => expect(priceRanges(text)).toEqual([]));

  it("finds nothing where no range is stated", () => {
    expect(priceRanges("Price at close of business on Friday, May 15, 2015.")).toEqual([]);
    expect(priceRanges("the base value of $20.00 (which is subject to adjustment)")).toEqual([]);
    expect(
      priceRanges(
        "accelerated all stock options with an exercise price greater than $15.90 per share",
      ),
    ).toEqual([]);
  });

  it("returns several ranges in the order written", () => {
    expect(
      priceRanges(
        "Ranging from $1.00 to $2.00 for the first sale and from $3.00 to $4.00 for the second.",
      ),
    ).toEqual([{ min: 1, max: 2 }]);
    expect(
      priceRanges("Prices ranging from $1.00 to $2.00 and prices ranging from $3.00 to $4.00."),
    ).toEqual([
      { min: 1, max: 2 },
      { min: 3, max: 4 },
    ]);
  });
});

describe("readPlanStatement", () => {
  it("reads the seed's plan and its adoption date", () => {
    expect(readPlanStatement(SEED_F1)).toEqual({
      used: true,
      sentence: SEED_F1,
      adoptionDate: "2007-06-22",
    });
  });

  it.each([
    [
      "This transaction was made pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on August 16, 2021.",
      "2021-08-16",
    ],
    [
      "This reported transaction was made pursuant to a Rule 10b5-1 plan adopted by the reporting person on February 7, 2025.",
      "2025-02-07",
    ],
    [
      "Shares were sold pursuant to a 10b5-1 trading plan adopted by the Reporting Person in accordance with Rule 10b5-1 of the Securities Exchange Act of 1934, as amended.",
      null,
    ],
    [
      "All transactions reported in this Form 4 were effected pursuant to a Rule 10b5-1 Trading Plan adopted by the Reporting Person.",
      null,
    ],
    ["Transaction pursuant to a Rule 10b5-1 trading plan.", null],
    [
      "The sales were made under a trading plan intended to satisfy Rule 10b5–1(c), adopted on 11/13/2023.",
      "2023-11-13",
    ],
    [
      "The shares were sold pursuant to a Rule 10b-5-1 plan entered into on March 8, 2024.",
      "2024-03-08",
    ],
    [
      "The sale was effected pursuant to a Rule 10b5-1 sales plan dated May 15, 2023.",
      "2023-05-15",
    ],
    ["Sold pursuant to a 10b5-1(c) plan. The plan was adopted on 2 March 2024.", "2024-03-02"],
    // A "not" earlier in the sentence that does not govern the plan.
    [
      "Sales of shares not held in the trust were made pursuant to a Rule 10b5-1 trading plan adopted on March 1, 2023.",
      "2023-03-01",
    ],
    [
      "The shares sold were not held in the trust and were sold pursuant to a Rule 10b5-1 trading plan adopted on May 1, 2023.",
      "2023-05-01",
    ],
    [
      "Although the reporting person is not an officer, the sales were effected pursuant to a Rule 10b5-1 plan.",
      null,
    ],
    [
      "Shares not subject to vesting were sold under a Rule 10b5-1 plan adopted on 1/5/2024.",
      "2024-01-05",
    ],
    [
      "Other than the shares sold on May 1, all sales were made pursuant to a Rule 10b5-1 trading plan entered into on December 4, 2023.",
      "2023-12-04",
    ],
    [
      "No shares were sold by the trust, and the reporting person's sales were made pursuant to a Rule 10b5-1 plan adopted on April 2, 2024.",
      "2024-04-02",
    ],
    [
      "No. 2 Trust sold the shares pursuant to a Rule 10b5-1 trading plan adopted on June 3, 2024.",
      "2024-06-03",
    ],
  ])("positive: %s", (text, date) => {
    const statement = readPlanStatement(text);
    expect(statement?.used).toBe(true);
    expect(statement?.adoptionDate).toBe(date);
  });

  it.each([
    "The sales reported were not made pursuant to a Rule 10b5-1 plan.",
    "These transactions were not pursuant to a Rule 10b5-1 trading plan.",
    "No Rule 10b5-1 trading plan covered these sales.",
    "The shares were sold other than pursuant to a Rule 10b5-1 trading plan.",
    "The transactions reported herein were not effected pursuant to a Rule 10b5-1 trading plan.",
    "The reporting person did not make these sales under a Rule 10b5-1 plan.",
    "These sales were made without a Rule 10b5-1 trading plan in place.",
    "No Rule 10b5-1 plan was in effect.",
    "None of the shares reported on this Form 4 were sold pursuant to a Rule 10b5-1 trading plan.",
    "The sale was made pursuant to a trading plan that is not intended to satisfy the affirmative defense conditions of Rule 10b5-1(c).",
    "The transactions were not made pursuant to a trading plan intended to satisfy the affirmative defense conditions of Rule 10b5-1(c).",
    "These sales were not made pursuant to, and are not covered by, a Rule 10b5-1 trading plan.",
    "The reporting person has not adopted a Rule 10b5-1 trading plan.",
    "The reporting person did not have a Rule 10b5-1 plan in place.",
  ])("negative: %s", (text) => {
    expect(readPlanStatement(text)?.used).toBe(false);
  });

  it.each([
    "The reporting person is aware of Rule 10b-5 under the Exchange Act.",
    "A Rule 10b5-1 trading plan is a written plan that allows insiders to sell shares at predetermined times.",
    "Rule 10b5-1 provides an affirmative defense for transactions made under a written plan.",
    'The term "Rule 10b5-1 plan" means a plan for trading securities.',
    "The reporting person adopted a Rule 10b5-1 trading plan.",
    "The price reported in Column 4 is a weighted average price.",
    "",
  ])("says nothing: %s", (text) => {
    expect(readPlanStatement(text)).toBeNull();
  });

  it("prefers a positive sentence over a negative one in the same text", () => {
    const text =
      "The sales on May 1 were not made pursuant to a Rule 10b5-1 plan. The sales on May 2 were made pursuant to a Rule 10b5-1 plan adopted on January 3, 2024.";
    expect(readPlanStatement(text)).toMatchObject({ used: true, adoptionDate: "2024-01-03" });
  });
});

describe("adoptionDateIn", () => {
  it("ignores dates that belong to something else", () => {
    expect(
      adoptionDateIn("Adopted by the reporting person; the shares vest on May 1, 2024."),
    ).toBeNull();
    expect(adoptionDateIn("sold under a plan on May 1, 2024")).toBeNull();
    expect(adoptionDateIn("a plan adopted on Sept. 5, 2023")).toBe("2023-09-05");
  });
});

describe("readHeldDerivatives", () => {
  it("reads the seed's F2 into three holdings", () => {
    expect(readHeldDerivatives(SEED_F2)).toEqual([
      { security: "Class B Warrants", shares: 4000, exercisePrice: null, note: null },
      {
        security: "Options to purchase common stock",
        shares: 25000,
        exercisePrice: null,
        note: "vested",
      },
      {
        security: "Options to purchase common stock",
        shares: 5000,
        exercisePrice: null,
        note: "unvested",
      },
    ]);
  });

  it("reads an exercise price when stated", () => {
    expect(
      readHeldDerivatives(
        "The reporting person also owns options to purchase 10,000 shares of Common Stock at an exercise price of $12.50 per share.",
      ),
    ).toEqual([
      {
        security: "Options to purchase Common Stock",
        shares: 10000,
        exercisePrice: 12.5,
        note: null,
      },
    ]);
    expect(
      readHeldDerivatives(
        "Ms. Lee beneficially owns 2,500 warrants exercisable at $3.00 and 1,000 RSUs.",
      ),
    ).toEqual([
      { security: "Warrants", shares: 2500, exercisePrice: 3, note: null },
      { security: "RSUs", shares: 1000, exercisePrice: null, note: null },
    ]);
  });

  it("splits plain shares from the derivatives listed after them, and leaves the shares out", () => {
    expect(
      readHeldDerivatives(
        "The reporting person holds 10,000 shares of common stock and options to purchase 5,000 shares of common stock at $3.00 per share.",
      ),
    ).toEqual([
      {
        security: "Options to purchase common stock",
        shares: 5000,
        exercisePrice: 3,
        note: null,
      },
    ]);
    expect(
      readHeldDerivatives(
        "Mr. Chen directly owns 12,500 shares of Common Stock, warrants to purchase 2,000 shares of Common Stock at an exercise price of $1.25 per share, and 3,000 RSUs.",
      ),
    ).toEqual([
      {
        security: "Warrants to purchase Common Stock",
        shares: 2000,
        exercisePrice: 1.25,
        note: null,
      },
      { security: "RSUs", shares: 3000, exercisePrice: null, note: null },
    ]);
    expect(
      readHeldDerivatives(
        "The reporting person also holds 1,000 shares of common stock; and an option to purchase 7,500 shares of common stock and 2,000 restricted stock units.",
      ),
    ).toEqual([
      {
        security: "Option to purchase common stock",
        shares: 7500,
        exercisePrice: null,
        note: null,
      },
      { security: "Restricted stock units", shares: 2000, exercisePrice: null, note: null },
    ]);
  });

  it("does not split a note or a name at its own 'and'", () => {
    expect(
      readHeldDerivatives(
        "The reporting person holds 25,000 vested and exercisable options and 4,000 Series A and B Warrants.",
      ),
    ).toEqual([
      { security: "Options", shares: 25000, exercisePrice: null, note: "vested and exercisable" },
      { security: "Series A and B Warrants", shares: 4000, exercisePrice: null, note: null },
    ]);
  });

  it.each([
    // Vesting schedules of a Table II grant are not holdings.
    "25% of the shares underlying the option are scheduled to vest on each of the first, second, third and fourth anniversaries of the date of grant.",
    "The RSUs vest as to 1/16 of the total shares quarterly beginning on March 15, 2024 until fully vested.",
    "Includes 226,338 RSUs and 212,552 PRSUs, each of which entitle the Reporting Person to receive one share.",
    // Plain shares are not derivatives.
    "Mr. Smith also holds 10,000 shares of common stock through his IRA.",
    // Disclaimers and negations.
    "Each of the Reporting Persons disclaims beneficial ownership of the securities reported herein.",
    "The reporting person no longer holds 4,000 warrants.",
    "PFC IS may be deemed to beneficially own the securities directly owned by PFC SICAV.",
    "2,947,887 shares are held of record by various trusts controlled by Mr. Scaff.",
  ])("reads no holdings from: %s", (text) => {
    expect(readHeldDerivatives(text)).toEqual([]);
  });
});

describe("holderNamed", () => {
  it.each([
    [
      "The shares are held by the Michael P. Scarpelli 2019 Grantor Retained Annuity Trust for which the Reporting Person is trustee.",
      "Michael P. Scarpelli 2019 Grantor Retained Annuity Trust",
    ],
    [
      "The shares are held by the Scarpelli Family Trust for which the Reporting Person is a trustee.",
      "Scarpelli Family Trust",
    ],
    [
      "The shares are held by the 2020 Fintail Irrevocable GST Exempt Trust f/b/o Child 1 dated December 1, 2020.",
      "2020 Fintail Irrevocable GST Exempt Trust f/b/o Child 1",
    ],
    [
      "Shares owned by Pale Fire Capital SE, of which the Reporting Person is a director.",
      "Pale Fire Capital SE",
    ],
  ])("%s", (text, name) => expect(holderNamed(text)).toBe(name));

  it("names nobody when the footnote does not, or names the reporting person", () => {
    expect(holderNamed("The price reported in Column 4 is a weighted-average price.")).toBeNull();
    expect(holderNamed("Shares held by the reporting person's spouse.")).toBeNull();
  });
});
