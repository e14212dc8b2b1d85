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
  /** A few words for a card or a column: "Sale", "Exercise", "Tax withholding". */
  label: string;
  /**
   * Headline verb phrases, `{n}` where the quantity and noun go, by the row's direction
   * ("sold {n}", "was granted {n}" / "returned {n}"). `derivative` is the Table II phrasing where
   * it differs ("exercised {n}" for the options given up, where Table I says "acquired … by exercising").
   */
  verbs: Verbs;
  /** The verb alone, for sentences that name the shares themselves: "sold", "acquired". */
  past: { A: string; D: string };
  /** An open-market (or private) trade at a price someone chose: P and S. */
  openMarket: boolean;
  /**
   * Table II rows of this code mirror a Table I row of the same code: one exercise or conversion
   * reported on both sides (options given up in Table II, shares received in Table I).
   */
  mirrorsTableI: boolean;
}

export interface Verbs {
  A: string;
  D: string;
  /** When the filing does not say acquired or disposed. */
  unknown: string;
  /** Table II rows given up (disposed or unstated), when the phrasing differs from Table I's. */
  derivative?: string;
  /** Acquired by exercising or converting a named derivative: `{from}` is where its name goes. */
  from?: string;
  /** Restricted or performance stock units vesting (settled as M or C), not an exercise. */
  vesting?: { A: string; D: string };
}

/** What the summary knows about a kind of trade beyond its code, for the headline's words. */
export interface VerbFacts {
  /** The rows are units vesting (RSUs, PSUs), not options exercised. */
  vesting?: boolean;
  /** The derivative given up for the shares acquired, already made safe for the medium. */
  from?: string;
}

const UNITS_VESTING = { A: "received {n} as units vested", D: "had {n} vest" };

const GENERIC_VERBS: Verbs = { A: "acquired {n}", D: "disposed of {n}", unknown: "reported {n}" };
const GENERIC_PAST = { A: "acquired", D: "disposed of" };

type Entry = Omit<TransactionCode, "verbs" | "past" | "openMarket" | "mirrorsTableI"> &
  Partial<Pick<TransactionCode, "verbs" | "past" | "openMarket" | "mirrorsTableI">>;

const ENTRIES: readonly Entry[] = [
  {
    code: "P",
    name: "open-market purchase",
    official: "Open market or private purchase of non-derivative or derivative security",
    category: "general",
    usualDirection: "A",
    label: "Purchase",
    verbs: { A: "bought {n}", D: "bought {n}", unknown: "bought {n}" },
    past: { A: "bought", D: "bought" },
    openMarket: true,
  },
  {
    code: "S",
    name: "open-market sale",
    official: "Open market or private sale of non-derivative or derivative security",
    category: "general",
    usualDirection: "D",
    label: "Sale",
    verbs: { A: "sold {n}", D: "sold {n}", unknown: "sold {n}" },
    past: { A: "sold", D: "sold" },
    openMarket: true,
  },
  {
    code: "V",
    name: "voluntarily reported transaction",
    official: "Transaction voluntarily reported earlier than required",
    category: "general",
    usualDirection: null,
    label: "Voluntary report",
  },
  {
    code: "A",
    name: "grant or award",
    official: "Grant, award or other acquisition pursuant to Rule 16b-3(d)",
    category: "rule16b3",
    usualDirection: "A",
    label: "Grant",
    verbs: { A: "was granted {n}", D: "returned {n}", unknown: "was granted {n}" },
  },
  {
    code: "D",
    name: "disposition to the issuer",
    official: "Disposition to the issuer of issuer equity securities pursuant to Rule 16b-3(e)",
    category: "rule16b3",
    usualDirection: "D",
    label: "Disposition to issuer",
    verbs: {
      A: "disposed of {n} to the issuer",
      D: "disposed of {n} to the issuer",
      unknown: "disposed of {n} to the issuer",
    },
  },
  {
    code: "F",
    name: "tax withholding (shares delivered or withheld to pay tax or exercise price)",
    official:
      "Payment of exercise price or tax liability by delivering or withholding securities incident to the receipt, exercise or vesting of a security issued in accordance with Rule 16b-3",
    category: "rule16b3",
    usualDirection: "D",
    label: "Tax withholding",
    verbs: {
      A: "had {n} withheld for tax or the exercise price",
      D: "had {n} withheld for tax or the exercise price",
      unknown: "had {n} withheld for tax or the exercise price",
    },
  },
  {
    code: "I",
    name: "discretionary transaction",
    official:
      "Discretionary transaction in accordance with Rule 16b-3(f) resulting in acquisition or disposition of issuer securities",
    category: "rule16b3",
    usualDirection: null,
    label: "Discretionary",
  },
  {
    code: "M",
    name: "option exercise or conversion of derivative",
    official: "Exercise or conversion of derivative security exempted pursuant to Rule 16b-3",
    category: "rule16b3",
    usualDirection: null,
    label: "Exercise or conversion",
    verbs: {
      A: "acquired {n} by exercising derivatives",
      D: "exercised {n}",
      unknown: "acquired {n} by exercising derivatives",
      derivative: "exercised {n}",
      from: "acquired {n} by exercising {from}",
      vesting: UNITS_VESTING,
    },
    mirrorsTableI: true,
  },
  {
    code: "C",
    name: "conversion of derivative",
    official: "Conversion of derivative security",
    category: "derivative",
    usualDirection: null,
    label: "Conversion",
    verbs: {
      A: "acquired {n} by conversion",
      D: "converted {n}",
      unknown: "acquired {n} by conversion",
      from: "acquired {n} by converting {from}",
      vesting: UNITS_VESTING,
    },
    mirrorsTableI: true,
  },
  {
    code: "E",
    name: "expiration of short derivative position",
    official: "Expiration of short derivative position",
    category: "derivative",
    usualDirection: null,
    label: "Short expiration",
  },
  {
    code: "H",
    name: "expiration or cancellation of long derivative position with value received",
    official: "Expiration (or cancellation) of long derivative position with value received",
    category: "derivative",
    usualDirection: "D",
    label: "Expiration (value received)",
  },
  {
    code: "O",
    name: "exercise of out-of-the-money derivative",
    official: "Exercise of out-of-the-money derivative security",
    category: "derivative",
    usualDirection: null,
    label: "Out-of-the-money exercise",
    verbs: {
      A: "acquired {n} by exercising derivatives",
      D: "exercised {n}",
      unknown: "acquired {n} by exercising derivatives",
      derivative: "exercised {n}",
      from: "acquired {n} by exercising {from}",
    },
    mirrorsTableI: true,
  },
  {
    code: "X",
    name: "exercise of in-the-money or at-the-money derivative",
    official: "Exercise of in-the-money or at-the-money derivative security",
    category: "derivative",
    usualDirection: null,
    label: "Exercise",
    verbs: {
      A: "acquired {n} by exercising derivatives",
      D: "exercised {n}",
      unknown: "acquired {n} by exercising derivatives",
      derivative: "exercised {n}",
      from: "acquired {n} by exercising {from}",
    },
    mirrorsTableI: true,
  },
  {
    code: "G",
    name: "gift",
    official: "Bona fide gift",
    category: "exemptOrSmallAcquisition",
    usualDirection: null,
    label: "Gift",
    verbs: { A: "received {n} as a gift", D: "gave {n} as a gift", unknown: "gave {n} as a gift" },
  },
  {
    code: "L",
    name: "small acquisition",
    official: "Small acquisition under Rule 16a-6",
    category: "exemptOrSmallAcquisition",
    usualDirection: "A",
    label: "Small acquisition",
  },
  {
    code: "W",
    name: "acquisition or disposition by will or inheritance",
    official: "Acquisition or disposition by will or the laws of descent and distribution",
    category: "exemptOrSmallAcquisition",
    usualDirection: null,
    label: "Will or inheritance",
    verbs: { A: "inherited {n}", D: "disposed of {n} by will", unknown: "disposed of {n} by will" },
  },
  {
    code: "Z",
    name: "deposit into or withdrawal from voting trust",
    official: "Deposit into or withdrawal from voting trust",
    category: "exemptOrSmallAcquisition",
    usualDirection: null,
    label: "Voting trust",
  },
  {
    code: "J",
    name: "other acquisition or disposition",
    official: "Other acquisition or disposition (describe transaction)",
    category: "other",
    usualDirection: null,
    label: "Other",
  },
  {
    code: "K",
    name: "equity swap or similar instrument",
    official: "Transaction in equity swap or instrument with similar characteristics",
    category: "other",
    usualDirection: null,
    label: "Equity swap",
  },
  {
    code: "U",
    name: "tender of shares in a change of control",
    official: "Disposition pursuant to a tender of shares in a change of control transaction",
    category: "other",
    usualDirection: "D",
    label: "Tender in change of control",
  },
];

const TABLE: readonly TransactionCode[] = ENTRIES.map((e) => ({
  ...e,
  verbs: e.verbs ?? GENERIC_VERBS,
  past: e.past ?? GENERIC_PAST,
  openMarket: e.openMarket ?? false,
  mirrorsTableI: e.mirrorsTableI ?? false,
}));

const BY_CODE: ReadonlyMap<string, TransactionCode> = new Map(TABLE.map((c) => [c.code, c]));

/** Every Form 4 transaction code, in the SEC's order. */
export const TRANSACTION_CODES: readonly TransactionCode[] = TABLE;

/** The code's entry, case-insensitive and trimmed; undefined when it is not a Form 4 code. */
export function transactionCode(code: string | null | undefined): TransactionCode | undefined {
  if (code == null) return undefined;
  // Nearly every code is stated as the capital letter itself: no new string then.
  return BY_CODE.get(code) ?? BY_CODE.get(code.trim().toUpperCase());
}

/** The open-market codes (P, S), purchases first: what the market digest ranks. */
export const OPEN_MARKET_CODES = TABLE.filter((c) => c.openMarket).map((c) => c.code) as readonly (
  | "P"
  | "S"
)[];
export type OpenMarketCode = "P" | "S";

/** Whether the code is an open-market (or private) purchase or sale. */
export function isOpenMarket(code: string | null | undefined): boolean {
  return transactionCode(code)?.openMarket ?? false;
}

/** Whether a Table II row of this code mirrors a Table I row (exercise, conversion). */
export function mirrorsTableI(code: string | null | undefined): boolean {
  return transactionCode(code)?.mirrorsTableI ?? false;
}

/**
 * The headline phrase for a kind of trade, `{n}` where the quantity and noun go: "sold {n}",
 * "was granted {n}", "exercised {n}". Codes that are not Form 4 codes (or none) get the plain
 * direction: "acquired {n}", "disposed of {n}", "reported {n}".
 */
export function headlineVerb(
  code: string | null | undefined,
  direction: AcquiredDisposed | null,
  table: "nonDerivative" | "derivative" = "nonDerivative",
  facts: VerbFacts = {},
): string {
  const verbs = transactionCode(code)?.verbs ?? GENERIC_VERBS;
  if (facts.vesting && verbs.vesting) return verbs.vesting[direction === "A" ? "A" : "D"];
  // Table II's side of an exercise is the derivative given up; a derivative acquired by one
  // (Class B shares for warrants) is an acquisition like Table I's.
  if (table === "derivative" && direction !== "A" && verbs.derivative) return verbs.derivative;
  if (direction !== "D" && facts.from && verbs.from)
    return verbs.from.replace("{from}", facts.from);
  return direction === null ? verbs.unknown : verbs[direction];
}

/** The verb alone for a row: "sold", "bought", else "acquired" / "disposed of" by direction. */
export function pastVerb(code: string | null | undefined, direction: AcquiredDisposed): string {
  return (transactionCode(code)?.past ?? GENERIC_PAST)[direction];
}

/** A short label for a card: "Sale", "Exercise"; the code itself when it is not a Form 4 code. */
export function codeLabel(code: string | null | undefined): string {
  if (code == null || code.trim() === "") return "No code";
  return transactionCode(code)?.label ?? `Code ${code.trim()}`;
}

/**
 * Plain words for a code, for people: "open-market sale". Unknown codes are named as such rather
 * than guessed, so a typo in a filing stays visible.
 */
export function describeCode(code: string | null | undefined): string {
  if (code == null || code.trim() === "") return "transaction with no code";
  return transactionCode(code)?.name ?? `transaction code "${code.trim()}" (not a Form 4 code)`;
}
