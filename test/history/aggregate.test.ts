// The aggregation on real filings, against sums computed here from the filings' own rows.
import { describe, expect, it } from "vitest";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { aggregateHistory } from "../../src/history/aggregate.js";
import type { History, HistoryFilingInput, OpenMarket } from "../../src/history/model.js";
import { readForm4Fixture, readSeed } from "../fixtures.js";
import { addRows, fixtureInput, fromXml, type RowSums, zeroSums } from "./history-fixtures.js";

const WIDE = { since: "2015-01-01", until: "2022-12-31" };

function history(filings: HistoryFilingInput[], window = WIDE): History {
  return aggregateHistory({
    company: { cik: "0001652044", name: "Alphabet Inc.", ticker: "GOOG" },
    window,
    filings,
    unread: [],
    cut: null,
    notIssuer: 0,
  });
}

function expectSums(actual: OpenMarket, expected: RowSums): void {
  expect(actual.trades).toBe(expected.trades);
  expect(actual.boughtShares).toBeCloseTo(expected.boughtShares, 6);
  expect(actual.boughtValue).toBeCloseTo(expected.boughtValue, 4);
  expect(actual.soldShares).toBeCloseTo(expected.soldShares, 6);
  expect(actual.soldValue).toBeCloseTo(expected.soldValue, 4);
  expect(actual.planSoldShares).toBeCloseTo(expected.planSoldShares, 6);
  expect(actual.planSoldValue).toBeCloseTo(expected.planSoldValue, 4);
}

describe("aggregateHistory on real filings (Alphabet: Brin 2015 and 2022, Pichai 2018)", () => {
  const brin15 = fixtureInput("0001127602-15-028697.xml", "2015-10-06", "0001127602-15-028697");
  const brin22 = fixtureInput("0001209191-22-024552.xml", "2022-04-15", "0001209191-22-024552");
  const pichai = fixtureInput("goog-pichai-2018-09-19.xml", "2018-09-21", "0001209191-18-049999");
  const h = history([brin15.input, pichai.input, brin22.input]);

  it("per insider: the same CIK is one insider, however the name is written; sums follow the rows", () => {
    expect(h.insiders.map((i) => i.name)).toEqual(["Sergey Brin", "Sundar Pichai"]);
    const [brin, sundar] = h.insiders;
    // Every sale in these filings is under a 10b5-1 plan (their footnotes say so).
    expectSums(
      brin?.openMarket as OpenMarket,
      addRows(addRows(zeroSums(), brin15.filing, true), brin22.filing, true),
    );
    expectSums(sundar?.openMarket as OpenMarket, addRows(zeroSums(), pichai.filing, true));
    expect(brin?.filings).toBe(2);
    expect(brin?.tradedValue).toBeCloseTo(brin?.openMarket.soldValue ?? -1, 6);
    expect(brin?.netValue).toBeCloseTo(-(brin?.openMarket.soldValue ?? 0), 6);
    // Ordered by $ traded.
    expect((brin?.tradedValue ?? 0) > (sundar?.tradedValue ?? 0)).toBe(true);
  });

  it("the company total is the sum over insiders, and net is bought minus sold", () => {
    const all = addRows(
      addRows(addRows(zeroSums(), brin15.filing, true), pichai.filing, true),
      brin22.filing,
      true,
    );
    expectSums(h.openMarket, all);
    expect(h.netValue).toBeCloseTo(all.boughtValue - all.soldValue, 4);
    expect(h.filingsCounted).toBe(3);
    expect(h.filings.map((f) => f.accessionNumber)).toEqual([
      "0001209191-22-024552",
      "0001209191-18-049999",
      "0001127602-15-028697",
    ]);
  });

  it("per month: each month's bucket holds that month's rows, every month of the window is there", () => {
    expect(h.months).toHaveLength(8 * 12);
    const month = (m: string) => h.months.find((b) => b.month === m);
    expectSums(
      month("2015-10")?.openMarket as OpenMarket,
      addRows(zeroSums(), brin15.filing, true),
    );
    expectSums(
      month("2018-09")?.openMarket as OpenMarket,
      addRows(zeroSums(), pichai.filing, true),
    );
    expectSums(
      month("2022-04")?.openMarket as OpenMarket,
      addRows(zeroSums(), brin22.filing, true),
    );
    expect(month("2016-01")?.openMarket.trades).toBe(0);
    // The chart's series: 10b5-1 sales told apart, per named insider.
    const series = month("2018-09")?.series ?? [];
    expect(series).toEqual([
      { insider: "Sundar Pichai", kind: "planSale", value: expect.any(Number) },
    ]);
    expect(series[0]?.value).toBeCloseTo(addRows(zeroSums(), pichai.filing, true).soldValue, 4);
  });

  it("other activity: Brin's conversion of Class B shares is an exercise/conversion, not a trade", () => {
    const brin = h.insiders[0];
    expect(brin?.activity).toContainEqual({
      kind: "exercise",
      table: "nonDerivative",
      shares: 16670,
      rows: 1,
    });
    // Its Table II side (the Class B shares given up) mirrors that row: not counted twice.
    expect(brin?.activity.filter((a) => a.kind === "exercise")).toHaveLength(1);
    expect(brin?.holdings?.accessionNumber).toBe("0001209191-22-024552");
  });

  it("the window is by transaction date: rows outside it are left out, their filing still listed", () => {
    const narrow = history([brin15.input, pichai.input, brin22.input], {
      since: "2018-01-01",
      until: "2018-12-31",
    });
    expect(narrow.insiders.map((i) => i.name)).toEqual(["Sundar Pichai"]);
    expectSums(narrow.openMarket, addRows(zeroSums(), pichai.filing, true));
    expect(
      narrow.filings.find((f) => f.accessionNumber === "0001127602-15-028697")?.rowsInWindow,
    ).toBe(0);
  });
});

describe("joint filings are counted once", () => {
  // Three reporting owners (a fund, its master fund and the adviser) on one Form 4 of FLWS.
  const joint = fixtureInput("0000921895-25-001190.xml", "2025-04-28", "0000921895-25-001190");
  const h = history([joint.input], { since: "2025-01-01", until: "2025-12-31" });

  it("for the first owner, with the co-filers named; shares not multiplied by the owners", () => {
    expect(joint.filing.owners).toHaveLength(3);
    expect(h.insiders).toHaveLength(1);
    const [insider] = h.insiders;
    expect(insider?.name).toBe("Fund 1 Investments, LLC");
    expect(insider?.jointWith).toEqual(["PLP Funds Master Fund LP", "Pleasant Lake Partners LLC"]);
    expectSums(insider?.openMarket as OpenMarket, addRows(zeroSums(), joint.filing, false));
    expectSums(h.openMarket, addRows(zeroSums(), joint.filing, false));
    expect(h.filings[0]?.insider).toBe("Fund 1 Investments, LLC and 2 others");
  });
});

describe("amendments replace what they amend", () => {
  const name = "aapl-williams-2019-05-02.xml";
  const original = fixtureInput(name, "2019-05-06", "0001496686-19-000001");
  // The same filing restated: a 4/A naming the original's filing date, first row 13,433 → 3,433.
  const amendedXml = readForm4Fixture(name)
    .replace("<documentType>4</documentType>", "<documentType>4/A</documentType>")
    .replace(
      /(<periodOfReport>[^<]*<\/periodOfReport>)/,
      "$1<dateOfOriginalSubmission>2019-05-06</dateOfOriginalSubmission>",
    )
    .replace("<value>13433</value>", "<value>3433</value>");
  const amendment = fromXml(amendedXml, "2019-05-20", "0001496686-19-000002");
  const window = { since: "2019-01-01", until: "2019-12-31" };

  it("the 4/A's rows count, the original's do not, and both are listed", () => {
    const h = history([original.input, amendment.input], window);
    expectSums(h.openMarket, addRows(zeroSums(), amendment.filing, true));
    expect(h.openMarket.soldShares).toBe(
      addRows(zeroSums(), original.filing, true).soldShares - 10_000,
    );
    expect(h.filingsCounted).toBe(1);
    expect(h.insiders[0]?.filings).toBe(1);
    const listed = Object.fromEntries(h.filings.map((f) => [f.accessionNumber, f]));
    expect(listed["0001496686-19-000001"]?.replacedBy).toBe("0001496686-19-000002");
    expect(listed["0001496686-19-000002"]?.replaces).toBe("0001496686-19-000001");
  });

  it("in whatever order the filings come", () => {
    const h = history([amendment.input, original.input, amendment.input], window);
    expectSums(h.openMarket, addRows(zeroSums(), amendment.filing, true));
    expect(h.filings).toHaveLength(2);
  });

  it("a 4/A whose original was not read stands on its own (Palo Alto Networks, a grant)", () => {
    const panw = fixtureInput(
      "panw-eschenbach-2021-12-14-4A.xml",
      "2021-12-20",
      "0001409324-21-000009",
    );
    const h = history([panw.input], { since: "2021-01-01", until: "2021-12-31" });
    expect(h.filingsCounted).toBe(1);
    expect(h.insiders[0]?.activity).toEqual([
      { kind: "grant", table: "nonDerivative", shares: 661, rows: 1 },
    ]);
    expect(h.openMarket.trades).toBe(0);
  });
});

describe("a missing price is unknown, not $0", () => {
  it("the seed's fifth row (200 shares inferred, no price) is in shares, not in $, and counted as unpriced", () => {
    const filing = parseFiling(readSeed());
    const input: HistoryFilingInput = {
      accessionNumber: "0001350102-07-000099",
      form: "4",
      filedDate: "2007-11-14",
      url: "https://www.sec.gov/x",
      summary: summarize(filing, { filedDate: "2007-11-14" }),
    };
    const h = history([input], { since: "2007-01-01", until: "2007-12-31" });
    const om = h.openMarket;
    expect(om.soldShares).toBe(1500);
    expect(om.unpricedShares).toBe(200);
    expect(om.soldValue).toBeCloseTo(700 * 16.76 + 200 * 16.77 + 300 * 16.92 + 100 * 16.96, 6);
    expect(om.planSoldShares).toBe(1500);
    expect(om.trades).toBe(5);
  });
});

describe("the chart's insiders", () => {
  it("names the top five by $ traded and stacks the rest as Others", () => {
    const names = [
      "goog-pichai-2018-09-19.xml",
      "aapl-williams-2019-05-02.xml",
      "msft-hogan-2024-03-11.xml",
      "arwr-olukotun-2025-12-19.xml",
      "bdx-feld-2025-12-26.xml",
      "0000929638-23-001482.xml",
      "0000320121-23-000040.xml",
    ];
    const inputs = names.map(
      (n, i) => fixtureInput(n, "2026-01-01", `0000000001-26-00000${i}`).input,
    );
    const h = history(inputs, { since: "2018-01-01", until: "2025-12-31" });
    expect(h.chartInsiders).toHaveLength(5);
    expect(h.chartInsiders).toEqual(h.insiders.slice(0, 5).map((i) => i.name));
    const others = h.months.flatMap((m) => m.series).filter((s) => s.insider === "Others");
    const rest = h.insiders.slice(5).reduce((t, i) => t + i.tradedValue, 0);
    expect(others.reduce((t, s) => t + s.value, 0)).toBeCloseTo(rest, 4);
  });
});

describe("the busy issuer (100 filings built from real ones)", () => {
  it("totals follow the built filings' rows, the 4/A replacing its original", async () => {
    const { busyHistory, busyExpected } = await import("./busy-history.js");
    const h = busyHistory();
    const expected = busyExpected();
    expectSums(h.openMarket, expected.total);
    expect(h.filings).toHaveLength(expected.filings);
    expect(h.filingsCounted).toBe(expected.filings - 1);
    // The joint filing's three owners are one insider.
    const fund = h.insiders.find((i) => i.name === "Fund 1 Investments, LLC");
    expect(fund?.jointWith).toHaveLength(2);
    expect(fund?.filings).toBe(4);
  });
});
