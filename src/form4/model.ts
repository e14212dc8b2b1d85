// The one normalized model every reader (XML, submission .txt, rendered HTML, pasted text)
// produces. Everything downstream (summary, Block Kit, CLI, digest) reads only this.

/** A value as the filing states it, with the footnotes attached to it. `null` = not stated / unreadable. */
export interface Fact<T> {
  value: T | null;
  footnoteIds: string[];
}

export type Table = "nonDerivative" | "derivative";
export type Role = "director" | "officer" | "tenPercentOwner" | "other";
export type AcquiredDisposed = "A" | "D";
export type OwnershipForm = "D" | "I";
/** The forms this engine reads: a Form 4 and its amendment. */
export const FORM_TYPES = ["4", "4/A"] as const;
export type FormType = (typeof FORM_TYPES)[number];

export function isFormType(form: string): form is FormType {
  return (FORM_TYPES as readonly string[]).includes(form);
}
export type InputForm = "xml" | "submission" | "html" | "text";

export interface Issuer {
  cik: string | null;
  name: string;
  ticker: string | null;
}

export interface ReportingOwner {
  cik: string | null;
  name: string;
  roles: Role[];
  /** Officer title, e.g. "SVP Operations & Corp. Affairs". */
  title: string | null;
  /** The "Other (specify below)" text. */
  otherText: string | null;
}

/**
 * One row of Table I (non-derivative) or Table II (derivative).
 * `kind: "transaction"` rows report a change; `kind: "holding"` rows only state what is held.
 * Derivative-only fields are null facts on Table I rows.
 */
export interface Row {
  table: Table;
  kind: "transaction" | "holding";
  /** 0-based position of the row within its table and kind, in document order. */
  index: number;
  security: Fact<string>;
  /** YYYY-MM-DD */
  date: Fact<string>;
  deemedDate: Fact<string>;
  /** Transaction code (S, P, M, F, A, G, ...); footnotes on the coding sit here. */
  code: Fact<string>;
  /** transactionFormType: "4", "5", ... (null when not stated). */
  codeFormType: string | null;
  equitySwap: boolean | null;
  shares: Fact<number>;
  price: Fact<number>;
  acquiredDisposed: Fact<AcquiredDisposed>;
  sharesOwnedAfter: Fact<number>;
  /** Some filings state a value (in $) owned after instead of shares. */
  valueOwnedAfter: Fact<number>;
  ownership: Fact<OwnershipForm>;
  /** Nature of indirect ownership, e.g. "By Trust". */
  nature: Fact<string>;
  // Table II only
  exercisePrice: Fact<number>;
  exerciseDate: Fact<string>;
  expirationDate: Fact<string>;
  underlyingSecurity: Fact<string>;
  underlyingShares: Fact<number>;
  /** What the reader could not read in this row, in plain words (damaged input). Empty when clean. */
  problems: string[];
}

/** Every Fact-valued field of a Row, in the form's column order. */
export const ROW_FACT_KEYS = [
  "security",
  "date",
  "deemedDate",
  "code",
  "shares",
  "price",
  "acquiredDisposed",
  "sharesOwnedAfter",
  "valueOwnedAfter",
  "ownership",
  "nature",
  "exercisePrice",
  "exerciseDate",
  "expirationDate",
  "underlyingSecurity",
  "underlyingShares",
] as const satisfies readonly (keyof Row)[];

export interface Footnote {
  /** "F1", "F2", ... (text readers normalize "(1)" to "F1"). */
  id: string;
  text: string;
}

export interface Signature {
  name: string;
  /** YYYY-MM-DD */
  date: string | null;
}

export interface Filing {
  /** Which reader produced this model. */
  source: InputForm;
  schemaVersion: string | null;
  formType: FormType;
  accessionNumber: string | null;
  /** YYYY-MM-DD */
  periodOfReport: string | null;
  /** The date EDGAR accepted the filing (YYYY-MM-DD), when the input says it (submission header, rendered page). */
  filedDate: string | null;
  /** For 4/A: the date the original was filed (YYYY-MM-DD). */
  dateOfOriginalSubmission: string | null;
  notSubjectToSection16: boolean | null;
  /** The Rule 10b5-1 checkbox (aff10b5One, filings since April 2023); null when the form has no such element. */
  aff10b5One: boolean | null;
  issuer: Issuer;
  owners: ReportingOwner[];
  /** Table I rows first, then Table II rows, each in document order. */
  rows: Row[];
  footnotes: Footnote[];
  remarks: string | null;
  signatures: Signature[];
  /** Reader-level problems in plain words (damaged rows, unreadable parts). Never silently dropped. */
  problems: string[];
}

export function emptyFact<T>(): Fact<T> {
  return { value: null, footnoteIds: [] };
}

export function fact<T>(value: T | null, footnoteIds: string[] = []): Fact<T> {
  return { value, footnoteIds };
}

/** A Row with every fact empty; readers fill in what they find. */
export function emptyRow(table: Table, kind: Row["kind"], index: number): Row {
  return {
    table,
    kind,
    index,
    security: emptyFact(),
    date: emptyFact(),
    deemedDate: emptyFact(),
    code: emptyFact(),
    codeFormType: null,
    equitySwap: null,
    shares: emptyFact(),
    price: emptyFact(),
    acquiredDisposed: emptyFact(),
    sharesOwnedAfter: emptyFact(),
    valueOwnedAfter: emptyFact(),
    ownership: emptyFact(),
    nature: emptyFact(),
    exercisePrice: emptyFact(),
    exerciseDate: emptyFact(),
    expirationDate: emptyFact(),
    underlyingSecurity: emptyFact(),
    underlyingShares: emptyFact(),
    problems: [],
  };
}
