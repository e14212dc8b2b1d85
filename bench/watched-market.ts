// Made-up companies for the digest and memory measurements: 50 tickers with 4 Form 4s each, filed
// on one day, served by the EDGAR stand-in at EDGAR's paths (the ticker map entry, the submissions
// listing and each filing's XML). Each filing is a real fixture's XML with the issuer's CIK and
// ticker rewritten, so every reader and summary path is the real one.

import { filingFolderPath } from "../src/edgar/links.js";
import type { FilingRef } from "../src/edgar/types.js";
import { form4FixtureNames, readForm4Fixture } from "../test/fixtures.js";
import type { EdgarStandIn } from "../test/stand-ins/edgar.js";

export interface WatchedCompany {
  ticker: string;
  /** 10 digits. */
  cik: string;
  name: string;
  refs: FilingRef[];
}

/** CIKs far above any EDGAR has given out, so nothing real is shadowed. */
const FIRST_CIK = 9_900_000_001;

function tickerName(i: number): string {
  const letter = (n: number) => String.fromCharCode(65 + n);
  return `QZ${letter(Math.floor(i / 26) % 26)}${letter(i % 26)}`;
}

/** The companies (and their filings' refs) for `tickers` × `filingsPerTicker`, filed on `filedDate`. */
export function watchedCompanies(
  tickers: number,
  filingsPerTicker: number,
  filedDate: string,
): WatchedCompany[] {
  const yy = filedDate.slice(2, 4);
  return Array.from({ length: tickers }, (_, t) => {
    const cik = String(FIRST_CIK + t).padStart(10, "0");
    const refs = Array.from({ length: filingsPerTicker }, (_, k) => ({
      accessionNumber: `${cik}-${yy}-${String(k + 1).padStart(6, "0")}`,
      cik,
      form: "4" as const,
      filedDate,
      primaryDocument: "doc4.xml",
    }));
    return { ticker: tickerName(t), cik, name: `Bench Company ${t + 1} Inc`, refs };
  });
}

/** Entries for the stand-in's ticker map (startEdgarStandIn({ tickers })). */
export function tickerEntries(companies: WatchedCompany[]) {
  return companies.map((c) => ({ cik: Number(c.cik), ticker: c.ticker, title: c.name }));
}

function folderOf(ref: FilingRef): string {
  return filingFolderPath(ref.cik, ref.accessionNumber);
}

/** The real XML fixtures, relabelled in turn to each company. */
export function serveCompanies(edgar: EdgarStandIn, companies: WatchedCompany[]): void {
  const xml = form4FixtureNames()
    .filter((n) => n.endsWith(".xml"))
    .map((n) => readForm4Fixture(n));
  let next = 0;
  for (const company of companies) {
    for (const ref of company.refs) {
      const source = xml[next++ % xml.length] ?? "";
      const relabelled = source
        .replace(/<issuerCik>[^<]*<\/issuerCik>/, `<issuerCik>${company.cik}</issuerCik>`)
        .replace(
          /<issuerTradingSymbol>[^<]*<\/issuerTradingSymbol>/,
          `<issuerTradingSymbol>${company.ticker}</issuerTradingSymbol>`,
        );
      edgar.addFile(`${folderOf(ref)}doc4.xml`, relabelled);
    }
    const recent = {
      accessionNumber: company.refs.map((r) => r.accessionNumber),
      filingDate: company.refs.map((r) => r.filedDate),
      form: company.refs.map((r) => r.form),
      primaryDocument: company.refs.map((r) => r.primaryDocument ?? ""),
    };
    edgar.addFile(
      `/submissions/CIK${company.cik}.json`,
      JSON.stringify({
        cik: company.cik,
        name: company.name,
        tickers: [company.ticker],
        filings: { recent, files: [] },
      }),
    );
  }
}
