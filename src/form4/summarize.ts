// summarize(filing): the one pure step from the normalized Filing to the Summary every renderer
// reads. No clock, no environment, no I/O: the filed date comes in through `options` when the
// caller knows it from EDGAR's index.

import { FootnoteReadings } from "./footnotes.js";
import type { Filing, Row } from "./model.js";
import { footnoteDerivatives, holdingsAfter, tableDerivatives } from "./summarize-holdings.js";
import { lateFiling } from "./summarize-late.js";
import { readPlan } from "./summarize-plan.js";
import { type PreparedRow, prepareRows } from "./summarize-rows.js";
import { codeTotals, tradeGroups } from "./summarize-totals.js";
import type { Summary, SummaryOwner, SummaryTransaction, SummaryWarning } from "./summary.js";
import { distinctWarnings, FILING, readerWarning, warning } from "./warnings.js";

export interface SummarizeOptions {
  /** The filed date from EDGAR's index (YYYY-MM-DD); overrides the one in the filing. */
  filedDate?: string | null;
}

function transaction(p: PreparedRow, plan: boolean | null): SummaryTransaction {
  const row: Row = p.row;
  return {
    table: row.table,
    security: p.security,
    date: row.date.value,
    code: p.code,
    acquiredDisposed: p.acquiredDisposed,
    shares: p.shares,
    price: row.price.value,
    sharesOwnedAfter: row.sharesOwnedAfter.value,
    ownership: row.ownership.value,
    nature: row.nature.value,
    inferred: p.inferred,
    priceRange: p.priceRange,
    exercisePrice: row.exercisePrice.value,
    underlyingSecurity: row.underlyingSecurity.value,
    underlyingShares: row.underlyingShares.value,
    plan10b51: plan,
  };
}

function tradeDates(rows: readonly PreparedRow[]): { first: string | null; last: string | null } {
  let first: string | null = null;
  let last: string | null = null;
  for (const p of rows) {
    const d = p.row.date.value;
    if (p.row.kind !== "transaction" || d === null) continue;
    if (first === null || d < first) first = d;
    if (last === null || d > last) last = d;
  }
  return { first, last };
}

/** Row problems carry the row's name, so a reader knows where to look. */
function rowProblems(rows: readonly PreparedRow[]): SummaryWarning[] {
  const out: SummaryWarning[] = [];
  for (const p of rows) {
    for (const problem of p.row.problems) {
      out.push(
        /^Table (I|II)\b/.test(problem)
          ? readerWarning(problem)
          : { code: "unreadable", where: p.label, text: `${p.label}: ${problem}` },
      );
    }
  }
  return out;
}

export function summarize(filing: Filing, options: SummarizeOptions = {}): Summary {
  const filedDate = options.filedDate ?? filing.filedDate;
  const footnotes = new Map<string, string>();
  for (const f of filing.footnotes) footnotes.set(f.id, f.text);

  // Each footnote is read once for this filing, whichever checks and rows ask (never across filings).
  const readings = new FootnoteReadings();
  const prepared = prepareRows(filing, footnotes, readings);
  const plan = readPlan(filing, prepared.rows, footnotes, readings);
  const holdings = holdingsAfter(prepared.rows, filing.footnotes);
  const fromTable = tableDerivatives(prepared.rows);
  const late = lateFiling(filing, prepared.rows, filedDate);
  const dates = tradeDates(prepared.rows);

  const amendment: SummaryWarning[] = [];
  if (filing.formType === "4/A") {
    const original = filing.dateOfOriginalSubmission;
    amendment.push(
      warning(
        "amendment",
        FILING,
        `This is an amendment (Form 4/A)${original ? ` to a Form 4 filed on ${original}` : ""}; it may correct or restate only part of the original report`,
      ),
    );
  }

  const warnings = distinctWarnings([
    ...amendment,
    ...filing.problems.map(readerWarning),
    ...rowProblems(prepared.rows),
    ...prepared.warnings,
    ...holdings.warnings,
    ...plan.warnings,
    ...late.warnings,
  ]);

  const owners: SummaryOwner[] = filing.owners.map((o) => ({
    cik: o.cik,
    name: o.name,
    roles: [...o.roles],
    title: o.title,
  }));

  return {
    formType: filing.formType,
    accessionNumber: filing.accessionNumber,
    issuer: { ...filing.issuer },
    owners,
    transactions: prepared.rows
      .filter((p) => p.row.kind === "transaction")
      .map((p) => transaction(p, plan.byRow.get(p) ?? null)),
    totals: codeTotals(prepared.rows),
    groups: tradeGroups(prepared.rows, plan.byRow),
    plan10b51: plan.plan,
    holdingsAfter: holdings.holdings,
    derivativesHeld: [...fromTable, ...footnoteDerivatives(filing, fromTable, readings)],
    lateFiling: late.late,
    warnings: warnings.map((w) => w.text),
    source: filing.source,
    periodOfReport: filing.periodOfReport,
    filedDate,
    dateOfOriginalSubmission: filing.dateOfOriginalSubmission,
    firstTradeDate: dates.first,
    lastTradeDate: dates.last,
    remarks: filing.remarks,
    signatureNames: filing.signatures.map((s) => s.name),
    warningDetails: warnings,
  };
}
