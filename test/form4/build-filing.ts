// A small builder of Filing objects for summary tests, so each test states only what it is about.

import {
  type AcquiredDisposed,
  emptyRow,
  type Filing,
  type Footnote,
  fact,
  type OwnershipForm,
  type ReportingOwner,
  type Row,
  type Table,
} from "../../src/form4/model.js";

export interface RowSpec {
  table?: Table;
  kind?: Row["kind"];
  security?: string | null;
  date?: string | null;
  deemedDate?: string | null;
  code?: string | null;
  codeFootnotes?: string[];
  codeFormType?: string | null;
  shares?: number | null;
  price?: number | null;
  priceFootnotes?: string[];
  ad?: AcquiredDisposed | null;
  after?: number | null;
  afterFootnotes?: string[];
  ownership?: OwnershipForm | null;
  nature?: string | null;
  exercisePrice?: number | null;
  exerciseDate?: string | null;
  expirationDate?: string | null;
  underlyingSecurity?: string | null;
  underlyingShares?: number | null;
  problems?: string[];
}

/** One row; `index` is filled in by `filing()` from the row's position in its table and kind. */
export function row(spec: RowSpec): Row {
  const r = emptyRow(spec.table ?? "nonDerivative", spec.kind ?? "transaction", 0);
  r.security = fact(spec.security === undefined ? "Common Stock" : spec.security);
  r.date = fact(
    spec.date === undefined ? (r.kind === "transaction" ? "2024-05-01" : null) : spec.date,
  );
  r.deemedDate = fact(spec.deemedDate ?? null);
  r.code = fact(
    spec.code === undefined ? (r.kind === "transaction" ? "S" : null) : spec.code,
    spec.codeFootnotes,
  );
  r.codeFormType =
    spec.codeFormType === undefined ? (r.kind === "transaction" ? "4" : null) : spec.codeFormType;
  r.shares = fact(spec.shares ?? null);
  r.price = fact(spec.price ?? null, spec.priceFootnotes);
  r.acquiredDisposed = fact(
    spec.ad === undefined ? (r.kind === "transaction" ? "D" : null) : spec.ad,
  );
  r.sharesOwnedAfter = fact(spec.after ?? null, spec.afterFootnotes);
  r.ownership = fact(spec.ownership === undefined ? "D" : spec.ownership);
  r.nature = fact(spec.nature ?? null);
  r.exercisePrice = fact(spec.exercisePrice ?? null);
  r.exerciseDate = fact(spec.exerciseDate ?? null);
  r.expirationDate = fact(spec.expirationDate ?? null);
  r.underlyingSecurity = fact(spec.underlyingSecurity ?? null);
  r.underlyingShares = fact(spec.underlyingShares ?? null);
  r.problems = spec.problems ?? [];
  return r;
}

export const OFFICER: ReportingOwner = {
  cik: "0001234567",
  name: "Doe Jane",
  roles: ["officer"],
  title: "Chief Executive Officer",
  otherText: null,
};

export const TEN_PERCENT_FUND: ReportingOwner = {
  cik: "0007654321",
  name: "Big Fund LP",
  roles: ["tenPercentOwner"],
  title: null,
  otherText: null,
};

export interface FilingSpec extends Partial<Omit<Filing, "rows" | "footnotes">> {
  rows?: Row[];
  /** id → text */
  footnotes?: Record<string, string>;
}

/** A complete Filing with sensible defaults; rows are numbered per table and kind. */
export function filing(spec: FilingSpec = {}): Filing {
  const { rows = [], footnotes = {}, ...rest } = spec;
  const counters = new Map<string, number>();
  const numbered = rows.map((r) => {
    const key = `${r.table}|${r.kind}`;
    const index = counters.get(key) ?? 0;
    counters.set(key, index + 1);
    return { ...r, index };
  });
  const notes: Footnote[] = Object.entries(footnotes).map(([id, text]) => ({ id, text }));
  return {
    source: "xml",
    schemaVersion: "X0508",
    formType: "4",
    accessionNumber: "0001234567-24-000001",
    periodOfReport: "2024-05-01",
    filedDate: "2024-05-02",
    dateOfOriginalSubmission: null,
    notSubjectToSection16: false,
    aff10b5One: null,
    issuer: { cik: "0000320193", name: "Example Corp", ticker: "EXM" },
    owners: [OFFICER],
    signatures: [],
    remarks: null,
    problems: [],
    ...rest,
    rows: numbered,
    footnotes: notes,
  };
}

export const SEED_F1 =
  "The sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on June 22, 2007.";
export const SEED_F2 =
  "Mr. Misra also holds the following securities: 4,000 Class B Warrants; vested options to purchase 25,000 shares of common stock; and unvested options to purchase 5,000 shares of common stock.";

/** The seed filing as the text reader yields it: five sales, the last one damaged. */
export function seedFiling(): Filing {
  const sale = (
    shares: number | null,
    price: number | null,
    after: number,
    security: string | null,
  ) =>
    row({
      security,
      date: "2007-11-13",
      code: "S",
      codeFootnotes: ["F1"],
      shares,
      price,
      ad: "D",
      after,
      afterFootnotes: ["F2"],
      ownership: "D",
    });
  return filing({
    source: "text",
    schemaVersion: null,
    accessionNumber: null,
    periodOfReport: "2007-11-13",
    filedDate: "2007-11-14",
    notSubjectToSection16: null,
    issuer: { cik: null, name: "Ascent Solar Technologies, Inc.", ticker: "ASTI" },
    owners: [
      {
        cik: null,
        name: "Misra Ashutosh",
        roles: ["officer"],
        title: "SVP Operations & Corp. Affairs",
        otherText: null,
      },
    ],
    rows: [
      sale(700, 16.76, 43600, "Common Stock"),
      sale(200, 16.77, 43400, "Common Stock"),
      sale(300, 16.92, 43100, "Common Stock"),
      sale(100, 16.96, 43000, "Common Stock"),
      sale(null, null, 42800, null),
    ],
    footnotes: { F1: SEED_F1, F2: SEED_F2 },
  });
}
