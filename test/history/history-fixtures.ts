// Real recorded filings as the history's input, and sums computed straight from their rows (the
// parsed Filing, not the Summary the aggregation reads), for the history tests.
import type { Filing, Row } from "../../src/form4/model.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { HistoryFilingInput } from "../../src/history/model.js";
import { readForm4Fixture } from "../fixtures.js";

export function fromXml(
  xml: string,
  filedDate: string,
  accessionNumber: string,
): { input: HistoryFilingInput; filing: Filing } {
  const filing = parseFiling(xml);
  return {
    filing,
    input: {
      accessionNumber,
      form: filing.formType,
      filedDate,
      url: `https://www.sec.gov/Archives/edgar/data/1/${accessionNumber.replace(/-/g, "")}/${accessionNumber}-index.htm`,
      summary: summarize(filing, { filedDate }),
    },
  };
}

export function fixtureInput(name: string, filedDate: string, accessionNumber: string) {
  return fromXml(readForm4Fixture(name), filedDate, accessionNumber);
}

export interface RowSums {
  boughtShares: number;
  boughtValue: number;
  soldShares: number;
  soldValue: number;
  planSoldShares: number;
  planSoldValue: number;
  trades: number;
}

export function zeroSums(): RowSums {
  return {
    boughtShares: 0,
    boughtValue: 0,
    soldShares: 0,
    soldValue: 0,
    planSoldShares: 0,
    planSoldValue: 0,
    trades: 0,
  };
}

/** Table I open-market rows of a filing: P acquired, S disposed (stated shares and prices). */
export function openMarketRows(filing: Filing): Row[] {
  return filing.rows.filter(
    (r) =>
      r.table === "nonDerivative" &&
      r.kind === "transaction" &&
      ((r.code.value === "P" && r.acquiredDisposed.value === "A") ||
        (r.code.value === "S" && r.acquiredDisposed.value === "D")),
  );
}

/** Adds a filing's open-market rows (in [since, until]) to `sums`; `plan`: all its sales are 10b5-1. */
export function addRows(
  sums: RowSums,
  filing: Filing,
  plan: boolean,
  since = "0000-00-00",
  until = "9999-99-99",
): RowSums {
  for (const r of openMarketRows(filing)) {
    const date = r.date.value ?? "";
    if (date < since || date > until) continue;
    const shares = r.shares.value ?? 0;
    const value = shares * (r.price.value ?? 0);
    sums.trades += 1;
    if (r.code.value === "P") {
      sums.boughtShares += shares;
      sums.boughtValue += value;
    } else {
      sums.soldShares += shares;
      sums.soldValue += value;
      if (plan) {
        sums.planSoldShares += shares;
        sums.planSoldValue += value;
      }
    }
  }
  return sums;
}
