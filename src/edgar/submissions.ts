// A company's filing list on EDGAR's data host (/submissions/CIK##########.json and the older pages
// its `filings.files` names) → its Form 4 and 4/A filings. Pure.

import { isFormType } from "../form4/model.js";
import { normalizeAccession, parseDate } from "../form4/parse/values.js";
import { EdgarError } from "./errors.js";
import type { FilingRef } from "./types.js";

export interface OlderPage {
  /** "CIK0001350102-submissions-001.json" */
  name: string;
  filingFrom: string | null;
  filingTo: string | null;
}

export interface SubmissionsListing {
  cik: string;
  name: string;
  tickers: string[];
  /** Form 4 and 4/A filings of the recent list, newest first. */
  refs: FilingRef[];
  /** Older pages, newest first. */
  olderPages: OlderPage[];
}

function unreadable(what: string, cause?: unknown): EdgarError {
  return new EdgarError("unavailable", `EDGAR's filing list ${what} could not be read`, { cause });
}

function parseJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw unreadable(what, error);
  }
}

function column(columns: Record<string, unknown>, name: string): unknown[] {
  const c = columns[name];
  return Array.isArray(c) ? c : [];
}

/** EDGAR lists filings as parallel columns; keep the rows that are Form 4 or 4/A. */
function form4Refs(columns: unknown, cik: string): FilingRef[] {
  if (typeof columns !== "object" || columns === null) return [];
  const c = columns as Record<string, unknown>;
  const accessions = column(c, "accessionNumber");
  const forms = column(c, "form");
  const dates = column(c, "filingDate");
  const documents = column(c, "primaryDocument");
  const refs: FilingRef[] = [];
  for (let i = 0; i < accessions.length; i++) {
    const form = forms[i];
    if (typeof form !== "string" || !isFormType(form)) continue;
    const accessionNumber = normalizeAccession(String(accessions[i] ?? ""));
    if (!accessionNumber) continue;
    const document = documents[i];
    refs.push({
      accessionNumber,
      cik,
      form,
      filedDate: parseDate(String(dates[i] ?? "")) ?? "",
      primaryDocument: typeof document === "string" && document !== "" ? document : null,
    });
  }
  return refs;
}

/** The company's recent list (`CIK##########.json`). */
export function parseSubmissions(body: string, cik: string): SubmissionsListing {
  const what = `for CIK ${cik}`;
  const raw = parseJson(body, what);
  if (typeof raw !== "object" || raw === null) throw unreadable(what);
  const doc = raw as { name?: unknown; tickers?: unknown; filings?: unknown };
  const filings = (doc.filings ?? {}) as { recent?: unknown; files?: unknown };
  const olderPages: OlderPage[] = [];
  for (const f of Array.isArray(filings.files) ? filings.files : []) {
    const p = f as { name?: unknown; filingFrom?: unknown; filingTo?: unknown };
    // Only names of EDGAR's own pages become paths to fetch.
    if (typeof p.name !== "string" || !/^CIK\d{10}-submissions-\d{3}\.json$/.test(p.name)) continue;
    olderPages.push({
      name: p.name,
      filingFrom: parseDate(String(p.filingFrom ?? "")),
      filingTo: parseDate(String(p.filingTo ?? "")),
    });
  }
  olderPages.sort((a, b) => (b.filingTo ?? "").localeCompare(a.filingTo ?? ""));
  return {
    cik,
    name: typeof doc.name === "string" ? doc.name : "",
    tickers: Array.isArray(doc.tickers)
      ? doc.tickers.filter((t): t is string => typeof t === "string")
      : [],
    refs: form4Refs(filings.recent, cik),
    olderPages,
  };
}

/** One older page (its columns sit at the top level). */
export function parseOlderPage(body: string, cik: string, page: OlderPage): FilingRef[] {
  return form4Refs(parseJson(body, `page ${page.name}`), cik);
}
