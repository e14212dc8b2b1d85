// The synthetic busy issuer's filings (test/stand-ins/busy-issuer.ts) read straight into the
// history's input, without EDGAR: for tests of the aggregation and the chart at size.
import { aggregateHistory } from "../../src/history/aggregate.js";
import type { History } from "../../src/history/model.js";
import { windowOfMonths } from "../../src/history/window.js";
import { BUSY, buildBusyFilings } from "../stand-ins/busy-issuer.js";
import { addRows, fromXml, type RowSums, zeroSums } from "./history-fixtures.js";

export const BUSY_UNTIL = "2026-11-30";

export function busyHistory(until = BUSY_UNTIL): History {
  const built = buildBusyFilings(until);
  return aggregateHistory({
    company: { ...BUSY },
    window: windowOfMonths(12, until),
    filings: built.map((b) => fromXml(b.xml, b.filedDate, b.accessionNumber).input),
    unread: [],
    cut: null,
    notIssuer: 0,
  });
}

/** Templates whose sales are all under a 10b5-1 plan (their footnotes say so). */
const PLAN_TEMPLATES = new Set([
  "goog-pichai-2018-09-19.xml",
  "aapl-williams-2019-05-02.xml",
  "aapl-williams-2019-05-02.xml (amended)",
  "arwr-olukotun-2025-12-19.xml",
  "bdx-feld-2025-12-26.xml",
]);

/**
 * The busy issuer's open-market sums computed from the built filings' own rows: every filing but
 * the one the 4/A restates, each sale under a plan when its template's are.
 */
export function busyExpected(until = BUSY_UNTIL): { total: RowSums; filings: number } {
  const built = buildBusyFilings(until);
  const window = windowOfMonths(12, until);
  const amendment = built.find((b) => b.template.endsWith("(amended)"));
  const amendedDate = /<dateOfOriginalSubmission>([^<]+)</.exec(amendment?.xml ?? "")?.[1];
  const original = built.find(
    (b) => b.template === "aapl-williams-2019-05-02.xml" && b.filedDate === amendedDate,
  );
  const total = zeroSums();
  for (const b of built) {
    if (b === original) continue;
    const { filing } = fromXml(b.xml, b.filedDate, b.accessionNumber);
    addRows(total, filing, PLAN_TEMPLATES.has(b.template), window.since, window.until);
  }
  return { total, filings: built.length };
}
