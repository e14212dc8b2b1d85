// Form 4 transaction codes (General Instructions 8 of Form 4; the SEC lists them at
// https://www.sec.gov/edgar/searchedgar/ownershipformcodes.html), once, with plain-English names.

import type { AcquiredDisposed } from "./model.js";

export type CodeCategory =
  | "general"
  | "rule16b3"
  | "derivative"
  | "exemptOrSmallAcquisition"
  | "other";

export interface TransactionCode {
  code: string;
  /** Plain words a reader understands at a glance: "open-market sale". */
  name: string;
  /** The SEC's own wording, for people who want the legal text. */
  official: string;
  category: CodeCategory;
  /**
   * The direction the code almost always has, used only to check an inferred row when the filing
   * leaves A/D blank; null when the code goes either way (gifts, other, swaps, ...).
   */
  usualDirection: AcquiredDisposed | null;
}

const TABLE: readonly TransactionCode[] = [
  {
    code: "P",
    name: "open-market purchase",
    official: "Open market or private purchase of non-derivative or derivative security",
    category: "general",
    usualDirection: "A",
  },
  {
    code: "S",
    name: "open-market sale",
    official: "Open market or private sale of non-derivative or derivative security",
    category: "general",
    usualDirection: "D",
  },
  {
    code: "V",
    name: "voluntarily reported transaction",
    official: "Transaction voluntarily reported earlier than required",
    category: "general",
    usualDirection: null,
  },
  {
    code: "A",
    name: "grant or award",
    official: "Grant, award or other acquisition pursuant to Rule 16b-3(d)",
    category: "rule16b3",
    usualDirection: "A",
  },
  {
    code: "D",
    name: "disposition to the issuer",
    official: "Disposition to the issuer of issuer equity securities pursuant to Rule 16b-3(e)",
    category: "rule16b3",
    usualDirection: "D",
  },
  {
    code: "F",
    name: "tax withholding (shares delivered or withheld to pay tax or exercise price)",
    official:
      "Payment of exercise price or tax liability by delivering or withholding securities incident to the receipt, exercise or vesting of a security issued in accordance with Rule 16b-3",
    category: "rule16b3",
    usualDirection: "D",
  },
  {
    code: "I",
    name: "discretionary transaction",
    official:
      "Discretionary transaction in accordance with Rule 16b-3(f) resulting in acquisition or disposition of issuer securities",
    category: "rule16b3",
    usualDirection: null,
  },
  {
    code: "M",
    name: "option exercise or conversion of derivative",
    official: "Exercise or conversion of derivative security exempted pursuant to Rule 16b-3",
    category: "rule16b3",
    usualDirection: null,
  },
  {
    code: "C",
    name: "conversion of derivative",
    official: "Conversion of derivative security",
    category: "derivative",
    usualDirection: null,
  },
  {
    code: "E",
    name: "expiration of short derivative position",
    official: "Expiration of short derivative position",
    category: "derivative",
    usualDirection: null,
  },
  {
    code: "H",
    name: "expiration or cancellation of long derivative position with value received",
    official: "Expiration (or cancellation) of long derivative position with value received",
    category: "derivative",
    usualDirection: "D",
  },
  {
    code: "O",
    name: "exercise of out-of-the-money derivative",
    official: "Exercise of out-of-the-money derivative security",
    category: "derivative",
    usualDirection: null,
  },
  {
    code: "X",
    name: "exercise of in-the-money or at-the-money derivative",
    official: "Exercise of in-the-money or at-the-money derivative security",
    category: "derivative",
    usualDirection: null,
  },
  {
    code: "G",
    name: "gift",
    official: "Bona fide gift",
    category: "exemptOrSmallAcquisition",
    usualDirection: null,
  },
  {
    code: "L",
    name: "small acquisition",
    official: "Small acquisition under Rule 16a-6",
    category: "exemptOrSmallAcquisition",
    usualDirection: "A",
  },
  {
    code: "W",
    name: "acquisition or disposition by will or inheritance",
    official: "Acquisition or disposition by will or the laws of descent and distribution",
    category: "exemptOrSmallAcquisition",
    usualDirection: null,
  },
  {
    code: "Z",
    name: "deposit into or withdrawal from voting trust",
    official: "Deposit into or withdrawal from voting trust",
    category: "exemptOrSmallAcquisition",
    usualDirection: null,
  },
  {
    code: "J",
    name: "other acquisition or disposition",
    official: "Other acquisition or disposition (describe transaction)",
    category: "other",
    usualDirection: null,
  },
  {
    code: "K",
    name: "equity swap or similar instrument",
    official: "Transaction in equity swap or instrument with similar characteristics",
    category: "other",
    usualDirection: null,
  },
  {
    code: "U",
    name: "tender of shares in a change of control",
    official: "Disposition pursuant to a tender of shares in a change of control transaction",
    category: "other",
    usualDirection: "D",
  },
];

const BY_CODE: ReadonlyMap<string, TransactionCode> = new Map(TABLE.map((c) => [c.code, c]));

/** Every Form 4 transaction code, in the SEC's order. */
export const TRANSACTION_CODES: readonly TransactionCode[] = TABLE;

/** The code's entry, case-insensitive and trimmed; undefined when it is not a Form 4 code. */
export function transactionCode(code: string | null | undefined): TransactionCode | undefined {
  if (code == null) return undefined;
  return BY_CODE.get(code.trim().toUpperCase());
}

/**
 * Plain words for a code, for people: "open-market sale". Unknown codes are named as such rather
 * than guessed, so a typo in a filing stays visible.
 */
export function describeCode(code: string | null | undefined): string {
  if (code == null || code.trim() === "") return "transaction with no code";
  return transactionCode(code)?.name ?? `transaction code "${code.trim()}" (not a Form 4 code)`;
}
