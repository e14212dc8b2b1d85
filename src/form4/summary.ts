// The shape of a summary: what `summarize(filing)` returns and every renderer (Block Kit, terminal
// text, the --json contract, the digest) reads. Field names of the --json contract are kept here
// exactly; extra fields are additions, never renames.

import type {
  AcquiredDisposed,
  FormType,
  InputForm,
  Issuer,
  OwnershipForm,
  ReportingOwner,
  Role,
  Table,
} from "./model.js";

export interface SummaryOwner {
  cik: string | null;
  name: string;
  roles: Role[];
  title: string | null;
}

/** One transaction row as the --json contract lists it. */
export interface SummaryTransaction {
  table: Table;
  security: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  code: string | null;
  acquiredDisposed: AcquiredDisposed | null;
  /** null = not stated and not inferable. */
  shares: number | null;
  /** null = not reported (unknown), never 0 unless the filing says 0. */
  price: number | null;
  sharesOwnedAfter: number | null;
  ownership: OwnershipForm | null;
  nature: string | null;
  /** true when `shares` was inferred from the change in shares owned after. */
  inferred: boolean;
  /** A weighted-average price range a footnote gives for this row's price, if any. */
  priceRange: { min: number; max: number } | null;
  /** Derivative rows: exercise / conversion price and underlying. */
  exercisePrice: number | null;
  underlyingSecurity: string | null;
  underlyingShares: number | null;
  /** Whether this row is covered by a Rule 10b5-1 plan (checkbox or footnote), null if unknown. */
  plan10b51: boolean | null;
}

/** Totals of the --json contract, per transaction code over Table I rows. */
export interface CodeTotals {
  shares: number;
  /** Shares over the rows that have both shares and a price. */
  pricedShares: number;
  /** Σ(shares × price) / Σ(shares) over the rows that have both; null when none has a price. */
  averagePrice: number | null;
  /** Lowest price, counting a footnote's stated range low for a weighted-average row. */
  minPrice: number | null;
  maxPrice: number | null;
  /** Σ(shares × price) over priced rows. */
  value: number;
  /**
   * Rows whose shares are neither stated nor inferable: `shares` leaves them out, so when this is
   * above 0 the true total is larger than `shares` (an addition to the contract).
   */
  unknownShareRows: number;
}

/** A group of trades of one kind (one code and direction in one table), for people to read. */
export interface TradeGroup extends CodeTotals {
  table: Table;
  code: string | null;
  /** Plain words: "open-market sale", "option exercise", ... */
  description: string;
  acquiredDisposed: AcquiredDisposed | null;
  securities: string[];
  /** Distinct dates, ascending, YYYY-MM-DD. */
  dates: string[];
  rowCount: number;
  /** Shares in this group that were inferred from holdings changes. */
  inferredShares: number;
  /** Shares in rows with no price (unknown price). */
  unpricedShares: number;
  plan10b51: boolean | null;
  /**
   * Addition: the Table II side of an exercise or conversion whose result another group reports
   * (options given up for the shares Table I lists): the same event, not a second trade.
   */
  mirrored: boolean;
  /** Addition: for shares acquired by exercise or conversion, the derivatives given up for them. */
  exercisedFrom: string[];
  /** Addition: the rows are restricted or performance stock units vesting, not an exercise. */
  vesting: boolean;
}

export interface Plan10b51 {
  used: boolean;
  source: "checkbox" | "footnote" | null;
  /** YYYY-MM-DD, when the text gives it. */
  adoptionDate: string | null;
  /** Days from adoption to the first trade under the plan. */
  daysToFirstTrade: number | null;
  /** The cooling-off period that applies (90 officers/directors, 30 others), null before 2023-02-27 plans. */
  coolingOffDays: number | null;
  /** true when the first trade falls inside the cooling-off period. */
  inCoolingOff: boolean | null;
  /** The sentence the plan was read from (footnote or remark), for people to check. */
  evidence: string | null;
}

export interface HoldingAfter {
  security: string;
  ownership: OwnershipForm;
  nature: string | null;
  shares: number;
  /**
   * Addition: the footnotes on the nature of ownership, when there are any. They tell apart
   * positions whose nature reads the same (eight rows all "Trust", each naming a different trust).
   */
  natureFootnoteIds?: string[];
  /** Who holds an indirect position, when a footnote on its nature names it ("Scarpelli Family Trust"). */
  heldBy?: string;
}

export interface DerivativeHeld {
  security: string;
  /** Underlying shares (or count of the instrument when that is all that is stated). */
  shares: number | null;
  exercisePrice: number | null;
  source: "table" | "footnote";
  underlyingSecurity: string | null;
  exerciseDate: string | null;
  expirationDate: string | null;
  ownership: OwnershipForm | null;
  nature: string | null;
  /** Footnote wording such as "vested" / "unvested", when read from a footnote. */
  note: string | null;
}

/** The kinds of warning, stable ids for programs (the sentence in `text` may be reworded). */
export type WarningCode =
  /** The filing is a 4/A amendment. */
  | "amendment"
  /** A reader could not read part of the input. */
  | "unreadable"
  | "security-recovered"
  | "security-missing"
  | "shares-inferred"
  | "shares-unknown"
  | "direction-contradicts-code"
  | "price-range-mismatch"
  | "price-in-footnote"
  | "price-missing"
  | "holdings-mismatch"
  | "ownership-form-missing"
  | "plan-checkbox-conflict"
  | "plan-dates-differ"
  | "plan-adopted-after-trade"
  | "original-date-missing"
  | "filed-date-invalid"
  | "filed-before-trade";

export interface SummaryWarning {
  code: WarningCode;
  /** The part of the filing it is about: "Table I row 5", "Rule 10b5-1", "filing". */
  where: string;
  /** The sentence people read, exactly as in `Summary.warnings`. */
  text: string;
}

export interface LateFiling {
  businessDays: number;
  late: boolean;
}

export interface Summary {
  formType: FormType;
  accessionNumber: string | null;
  issuer: Issuer;
  owners: SummaryOwner[];
  transactions: SummaryTransaction[];
  totals: Record<string, CodeTotals>;
  groups: TradeGroup[];
  plan10b51: Plan10b51;
  holdingsAfter: HoldingAfter[];
  derivativesHeld: DerivativeHeld[];
  lateFiling: LateFiling | null;
  warnings: string[];
  // Additions beyond the contract:
  source: InputForm;
  periodOfReport: string | null;
  filedDate: string | null;
  dateOfOriginalSubmission: string | null;
  /** Earliest and latest transaction dates. */
  firstTradeDate: string | null;
  lastTradeDate: string | null;
  remarks: string | null;
  /** Signature lines as filed ("/s/ Jane Roe, Attorney-in-Fact for Sergey Brin"): they show the
   * order a filer wrote their name in, which EDGAR's "Last First" convention does not guarantee. */
  signatureNames: string[];
  /** `warnings` as data, in the same order: `warningDetails[i].text === warnings[i]`. */
  warningDetails: SummaryWarning[];
}

export type { ReportingOwner };
