// Which kind of activity a transaction row is, for the history: open-market purchase or sale (the
// $ the table and the chart count), or one of the "other activity" kinds. The codes' meanings come
// from the one table in src/form4/codes.ts; this file only groups them for a history line.

import { type TransactionCode, transactionCode } from "../form4/codes.js";
import type { SummaryTransaction } from "../form4/summary.js";
import type { ActivityKind } from "./model.js";

export type RowKind = "buy" | "sale" | ActivityKind;

/** The table's entries the history treats as open-market trades (and the SEC's letters for them). */
const PURCHASE = transactionCode("P") as TransactionCode;
const SALE = transactionCode("S") as TransactionCode;
const GRANT = transactionCode("A") as TransactionCode;
const TAX = transactionCode("F") as TransactionCode;
const GIFT = transactionCode("G") as TransactionCode;

/** Exercises and conversions of derivatives: M (Rule 16b-3), X, O (in/out of the money), C. */
const EXERCISES: ReadonlySet<TransactionCode | undefined> = new Set(
  ["M", "X", "O", "C"].map((c) => transactionCode(c)),
);

/**
 * The kind of one row. Open-market means a Table I purchase (P, acquired) or sale (S, disposed);
 * a P or S on Table II (a derivative bought or sold) is "other", since its price is not a share
 * price. A row with no direction takes the code's usual one.
 */
export function rowKind(t: SummaryTransaction): RowKind {
  const entry = transactionCode(t.code);
  if (!entry) return "other";
  const direction = t.acquiredDisposed ?? entry.usualDirection;
  if (t.table === "nonDerivative") {
    if (entry === PURCHASE && direction === PURCHASE.usualDirection) return "buy";
    if (entry === SALE && direction === SALE.usualDirection) return "sale";
  }
  if (entry === GRANT) return "grant";
  if (entry === TAX) return "taxWithholding";
  if (entry === GIFT) return "gift";
  if (EXERCISES.has(entry)) return "exercise";
  return "other";
}

/** Plain words for the compact "other activity" line. */
export const ACTIVITY_WORDS: Record<ActivityKind, string> = {
  grant: "grants",
  exercise: "exercises",
  taxWithholding: "tax withholding",
  gift: "gifts",
  other: "other",
};

export const ACTIVITY_ORDER: readonly ActivityKind[] = [
  "grant",
  "exercise",
  "taxWithholding",
  "gift",
  "other",
];
