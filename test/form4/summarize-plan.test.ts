// Rule 10b5-1: checkbox, footnotes and remarks, adoption date and cooling-off.

import { describe, expect, it } from "vitest";
import { summarize } from "../../src/form4/summarize.js";
import { filing, OFFICER, row, TEN_PERCENT_FUND } from "./build-filing.js";

const PLAN = (date: string) =>
  `The shares were sold pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on ${date}.`;

describe("plan10b51 source", () => {
  it("a checked box means a plan, from the checkbox, covering the sales", () => {
    const s = summarize(
      filing({
        aff10b5One: true,
        rows: [
          row({ code: "S", shares: 10, price: 1, after: 90 }),
          row({ code: "F", shares: 5, price: 1, after: 85 }),
        ],
      }),
    );
    expect(s.plan10b51).toEqual({
      used: true,
      source: "checkbox",
      adoptionDate: null,
      daysToFirstTrade: null,
      coolingOffDays: null,
      inCoolingOff: null,
      evidence: null,
    });
    expect(s.transactions.map((t) => t.plan10b51)).toEqual([true, null]);
  });

  it("an unchecked box wins over a footnote that says otherwise, with a warning", () => {
    const s = summarize(
      filing({
        aff10b5One: false,
        rows: [row({ shares: 10, price: 1, after: 90, codeFootnotes: ["F1"] })],
        footnotes: { F1: PLAN("March 1, 2024") },
      }),
    );
    expect(s.plan10b51).toMatchObject({ used: false, source: "checkbox", adoptionDate: null });
    expect(s.transactions[0]?.plan10b51).toBe(false);
    expect(s.groups[0]?.plan10b51).toBe(false);
    expect(s.warnings).toEqual([
      `Rule 10b5-1: the filer left the 10b5-1 box unchecked, but footnote F1 says "${PLAN("March 1, 2024")}"; the checkbox is the filer's legal statement, so the trades are shown as not under a plan`,
    ]);
  });

  it("without a checkbox, a footnote on the rows is the source", () => {
    const s = summarize(
      filing({
        rows: [
          row({ shares: 10, price: 1, after: 90, date: "2024-05-02", codeFootnotes: ["F1"] }),
          row({ shares: 10, price: 1, after: 80, date: "2024-05-03" }),
        ],
        footnotes: { F1: PLAN("March 1, 2024") },
      }),
    );
    expect(s.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2024-03-01",
      daysToFirstTrade: 62,
      evidence: PLAN("March 1, 2024"),
    });
    // Only the row the footnote is on is known to be under the plan.
    expect(s.transactions.map((t) => t.plan10b51)).toEqual([true, null]);
    expect(s.groups[0]?.plan10b51).toBeNull();
  });

  it("without a checkbox, the remarks cover every sale and purchase", () => {
    const s = summarize(
      filing({
        remarks:
          "All sales reported on this Form 4 were made under a Rule 10b5–1 plan dated 6/1/2023.",
        rows: [
          row({ code: "S", shares: 10, price: 1, after: 90, date: "2023-09-01" }),
          row({ code: "A", ad: "A", shares: 10, price: 0, after: 100, date: "2023-08-15" }),
        ],
      }),
    );
    expect(s.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2023-06-01",
      daysToFirstTrade: 92,
      coolingOffDays: 90,
      inCoolingOff: false,
    });
    expect(s.transactions.map((t) => t.plan10b51)).toEqual([true, null]);
  });

  it("a footnote saying the trades were not under a plan is read as such", () => {
    const text = "The sales reported herein were not made pursuant to a Rule 10b5-1 trading plan.";
    const s = summarize(
      filing({
        rows: [row({ shares: 10, price: 1, after: 90, codeFootnotes: ["F1"] })],
        footnotes: { F1: text },
      }),
    );
    expect(s.plan10b51).toMatchObject({ used: false, source: "footnote", evidence: text });
    expect(s.transactions[0]?.plan10b51).toBe(false);
  });

  it("a 'not' that qualifies the shares, not the plan, leaves the plan in use", () => {
    const text =
      "Sales of shares not held in the trust were made pursuant to a Rule 10b5-1 trading plan adopted on March 1, 2023.";
    const s = summarize(
      filing({
        owners: [OFFICER],
        rows: [row({ shares: 10, price: 1, after: 90, date: "2023-07-05", codeFootnotes: ["F1"] })],
        footnotes: { F1: text },
      }),
    );
    expect(s.plan10b51).toMatchObject({
      used: true,
      source: "footnote",
      adoptionDate: "2023-03-01",
      daysToFirstTrade: 126,
      coolingOffDays: 90,
      inCoolingOff: false,
      evidence: text,
    });
    expect(s.transactions[0]?.plan10b51).toBe(true);
  });

  it.each([
    "The reporting person is subject to Rule 10b-5 under the Exchange Act.",
    "A Rule 10b5-1 plan is a written plan that allows insiders to sell shares at predetermined times.",
  ])("no false positive: %s", (text) => {
    const s = summarize(
      filing({
        rows: [row({ shares: 10, price: 1, after: 90, codeFootnotes: ["F1"] })],
        footnotes: { F1: text },
      }),
    );
    expect(s.plan10b51).toMatchObject({ used: false, source: null, evidence: null });
    expect(s.transactions[0]?.plan10b51).toBeNull();
  });
});

describe("adoption date and cooling-off", () => {
  it("reads the adoption date from the footnotes even when the checkbox is the source", () => {
    const s = summarize(
      filing({
        aff10b5One: true,
        owners: [OFFICER],
        rows: [row({ shares: 10, price: 1, after: 90, date: "2024-05-01", codeFootnotes: ["F1"] })],
        footnotes: { F1: PLAN("March 8, 2024") },
      }),
    );
    expect(s.plan10b51).toMatchObject({
      used: true,
      source: "checkbox",
      adoptionDate: "2024-03-08",
      daysToFirstTrade: 54,
      coolingOffDays: 90,
      inCoolingOff: true,
      evidence: PLAN("March 8, 2024"),
    });
  });

  it("30 days for owners who are neither officers nor directors", () => {
    const s = summarize(
      filing({
        owners: [TEN_PERCENT_FUND],
        rows: [row({ shares: 10, price: 1, after: 90, date: "2024-04-01", codeFootnotes: ["F1"] })],
        footnotes: { F1: PLAN("March 8, 2024") },
      }),
    );
    expect(s.plan10b51).toMatchObject({
      coolingOffDays: 30,
      daysToFirstTrade: 24,
      inCoolingOff: true,
    });
  });

  it("no cooling-off for plans adopted before 2023-02-27", () => {
    const s = summarize(
      filing({
        rows: [row({ shares: 10, price: 1, after: 90, date: "2023-03-01", codeFootnotes: ["F1"] })],
        footnotes: { F1: PLAN("February 26, 2023") },
      }),
    );
    expect(s.plan10b51).toMatchObject({
      adoptionDate: "2023-02-26",
      daysToFirstTrade: 3,
      coolingOffDays: null,
      inCoolingOff: null,
    });
  });

  it("takes the adoption date from a separate sentence or footnote about the plan", () => {
    const s = summarize(
      filing({
        aff10b5One: true,
        rows: [row({ shares: 10, price: 1, after: 90, date: "2024-07-01" })],
        footnotes: { F3: "The reporting person adopted a Rule 10b5-1 trading plan on 5/15/2024." },
      }),
    );
    expect(s.plan10b51).toMatchObject({ adoptionDate: "2024-05-15", daysToFirstTrade: 47 });
  });

  it("with two plans, counts from the one covering the earliest trade and says so", () => {
    const s = summarize(
      filing({
        filedDate: "2024-06-11",
        rows: [
          row({ shares: 10, price: 1, after: 90, date: "2024-06-10", codeFootnotes: ["F2"] }),
          row({ shares: 10, price: 1, after: 80, date: "2024-06-03", codeFootnotes: ["F1"] }),
        ],
        footnotes: { F1: PLAN("March 1, 2024"), F2: PLAN("April 1, 2024") },
      }),
    );
    expect(s.plan10b51).toMatchObject({ adoptionDate: "2024-03-01", daysToFirstTrade: 94 });
    expect(s.warnings).toEqual([
      "Rule 10b5-1: the footnotes name plans adopted on different dates (2024-03-01, 2024-04-01); days to first trade are counted from 2024-03-01, the plan covering the earliest trade",
    ]);
  });

  it("flags an adoption date after the first trade", () => {
    const s = summarize(
      filing({
        rows: [row({ shares: 10, price: 1, after: 90, date: "2024-03-01", codeFootnotes: ["F1"] })],
        footnotes: { F1: PLAN("March 8, 2024") },
      }),
    );
    expect(s.plan10b51.daysToFirstTrade).toBe(-7);
    expect(s.warnings).toEqual([
      "Rule 10b5-1: the plan is said to be adopted on 2024-03-08, after the first trade under it (2024-03-01)",
    ]);
  });
});
