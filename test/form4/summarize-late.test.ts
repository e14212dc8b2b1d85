// Late filing: business days (SEC calendar) from the earliest transaction to the filed date.

import { describe, expect, it } from "vitest";
import { summarize } from "../../src/form4/summarize.js";
import { filing, row } from "./build-filing.js";

const sale = (date: string, extra: Parameters<typeof row>[0] = {}) =>
  row({ date, shares: 10, price: 1, after: 90, ...extra });

describe("lateFiling", () => {
  it.each([
    // trade, filed, business days, late
    ["2024-06-05", "2024-06-07", 2, false], // Wednesday → Friday: on time
    ["2024-06-05", "2024-06-10", 3, true], // → Monday: late
    ["2024-06-07", "2024-06-11", 2, false], // Friday → Tuesday: on time
    ["2024-03-28", "2024-04-02", 3, true], // Good Friday is an SEC business day
    ["2024-10-11", "2024-10-16", 2, false], // Columbus Day is not
    ["2024-12-23", "2024-12-27", 2, false], // Christmas Eve (executive order) and Christmas closed
    ["2024-05-01", "2024-05-01", 0, false], // same day
  ])("trade %s, filed %s: %i business days, late %s", (trade, filed, days, late) => {
    const s = summarize(filing({ filedDate: filed, rows: [sale(trade)] }));
    expect(s.lateFiling).toEqual({ businessDays: days, late });
  });

  it("counts from the earliest transaction of either table", () => {
    const s = summarize(
      filing({
        filedDate: "2024-06-10",
        rows: [
          sale("2024-06-06"),
          row({
            table: "derivative",
            security: "Option",
            code: "A",
            ad: "A",
            date: "2024-06-04",
            shares: 1,
            price: 0,
            after: 1,
            exercisePrice: 5,
          }),
        ],
      }),
    );
    expect(s.lateFiling).toEqual({ businessDays: 4, late: true });
  });

  it("counts from the deemed execution date when one is stated", () => {
    const s = summarize(
      filing({ filedDate: "2024-06-10", rows: [sale("2024-06-04", { deemedDate: "2024-06-06" })] }),
    );
    expect(s.lateFiling).toEqual({ businessDays: 2, late: false });
  });

  it("does not hold Form 5 items to the two-day deadline (gifts before 2023-02-27, L, W, form type 5)", () => {
    const early = (extra: Parameters<typeof row>[0]) =>
      summarize(filing({ filedDate: "2022-12-30", rows: [sale("2022-06-01", extra)] })).lateFiling;
    expect(early({ code: "G" })).toMatchObject({ late: false });
    expect(early({ code: "L", ad: "A" })).toMatchObject({ late: false });
    expect(early({ code: "W" })).toMatchObject({ late: false });
    expect(early({ code: "S", codeFormType: "5" })).toMatchObject({ late: false });
    expect(early({ code: "S" })).toMatchObject({ late: true });
    const gift2024 = summarize(
      filing({ filedDate: "2024-06-10", rows: [sale("2024-06-03", { code: "G" })] }),
    );
    expect(gift2024.lateFiling).toEqual({ businessDays: 5, late: true });
  });

  it("judges a late Form 4 item even when an earlier Form 5 item is on the same report", () => {
    const s = summarize(
      filing({
        filedDate: "2024-06-10",
        rows: [sale("2024-01-02", { code: "L", ad: "A" }), sale("2024-06-04")],
      }),
    );
    expect(s.lateFiling).toEqual({ businessDays: 4, late: true });
  });

  it("is null without a filed date or without transactions", () => {
    expect(
      summarize(filing({ filedDate: null, rows: [sale("2024-06-05")] })).lateFiling,
    ).toBeNull();
    expect(
      summarize(filing({ rows: [row({ kind: "holding", after: 100 })] })).lateFiling,
    ).toBeNull();
    expect(summarize(filing({ rows: [sale("2024-06-05", { date: null })] })).lateFiling).toBeNull();
  });

  it("takes EDGAR's filed date from the options", () => {
    const s = summarize(filing({ filedDate: null, rows: [sale("2024-06-05")] }), {
      filedDate: "2024-06-07",
    });
    expect(s.filedDate).toBe("2024-06-07");
    expect(s.lateFiling).toEqual({ businessDays: 2, late: false });
  });

  it("for a 4/A without the original's date: not judged, and says why", () => {
    const s = summarize(
      filing({ formType: "4/A", filedDate: "2024-09-01", rows: [sale("2024-06-05")] }),
    );
    expect(s.lateFiling).toBeNull();
    expect(s.warnings).toEqual([
      "This is an amendment (Form 4/A); it may correct or restate only part of the original report",
      "Form 4/A: the original filing date is not stated, so whether the report was late is not judged",
    ]);
  });

  it("flags dates that cannot be right", () => {
    const before = summarize(filing({ filedDate: "2024-06-03", rows: [sale("2024-06-05")] }));
    expect(before.lateFiling).toEqual({ businessDays: -2, late: false });
    expect(before.warnings).toEqual([
      "The filing date (2024-06-03) is before the earliest transaction date (2024-06-05); the dates in the filing look wrong",
    ]);
    const garbled = summarize(filing({ rows: [sale("2024-06-05")] }), { filedDate: "06/07/2024" });
    expect(garbled.lateFiling).toBeNull();
    expect(garbled.warnings).toEqual([
      'Filed date "06/07/2024" is not a date; whether the report was late is not judged',
    ]);
  });
});
