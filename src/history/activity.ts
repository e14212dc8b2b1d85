// Which kind of activity a transaction row is, for the history: open-market purchase or sale (the
// $ the table and the chart count), or one of the "other activity" kinds. What each code means
// comes from the one table in src/form4/codes.ts; this file only groups codes for a history line.

import { mirrorsTableI, type TransactionCode, transactionCode } from "../form4/codes.js";
import type { SummaryTransaction } from "../form4/summary.js";
import type { ActivityKind } from "./model.js";

export type RowKind = "buy" | "sale" | ActivityKind;

/** The kinds of "other activity" named on a history line, by the SEC's letter for them. */
const GRANT = transactionCode("A") as TransactionCode;
const TAX = transactionCode("F") as TransactionCode;
const GIFT = transactionCode("G") as TransactionCode;

/**
 * The kind of one row. Open-market (codes.ts `openMarket`: P and S) means a Table I row in the
 * code's own direction (a purchase acquired, a sale disposed); a P or S on Table II (a derivative
 * bought or sold) or against its direction is "other", since its price is not a share price. A row
 * with no direction takes the code's usual one. Exercises and conversions are the codes whose
 * Table II rows mirror a Table I row (M, C, O, X).
 */
export function rowKind(t: SummaryTransaction): RowKind {
  const entry = transactionCode(t.code);
  if (!entry) return "other";
  const direction = t.acquiredDisposed ?? entry.usualDirection;
  if (entry.openMarket) {
    if (t.table === "nonDerivative" && direction === entry.usualDirection) {
      return direction === "A" ? "buy" : "sale";
    }
    return "other";
  }
  if (entry.mirrorsTableI) return "exercise";
  if (entry === GRANT) return "grant";
  if (entry === TAX) return "taxWithholding";
  if (entry === GIFT) return "gift";
  return "other";
}

/**
 * A Table II row that is the other side of a Table I row (the options given up in an exercise):
 * its shares are already counted on Table I, so the history does not count them again.
 */
export function isMirrorRow(t: SummaryTransaction): boolean {
  return t.table === "derivative" && mirrorsTableI(t.code);
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
