// What the owner holds after the filing's transactions: Table I positions and derivative positions
// (Table II, plus those a footnote or remark states in words). Pure.

import {
  type FootnoteHolding,
  FootnoteReadings,
  holderNamed,
  readHeldDerivatives,
} from "./footnotes.js";
import type { Filing, Footnote } from "./model.js";
import { cleanText } from "./parse/values.js";
import { formatShares, idList, type PreparedRow } from "./summarize-rows.js";
import type { DerivativeHeld, HoldingAfter, SummaryWarning } from "./summary.js";
import { rowWarning } from "./warnings.js";

function norm(s: string | null): string {
  return s === null ? "" : cleanText(s).toLowerCase();
}

/**
 * For each Table I security × ownership form × nature: the last stated shares owned after, in
 * document order (transaction and holding rows), in order of first appearance. Natures that read
 * the same but carry different footnotes are different positions.
 */
export function holdingsAfter(
  rows: readonly PreparedRow[],
  footnotes: readonly Footnote[] = [],
): {
  holdings: HoldingAfter[];
  warnings: SummaryWarning[];
} {
  const warnings: SummaryWarning[] = [];
  const byKey = new Map<string, HoldingAfter>();
  for (const p of rows) {
    if (p.row.table !== "nonDerivative") continue;
    const shares = p.row.sharesOwnedAfter.value;
    if (shares === null || p.security === null) continue;
    const ownership = p.row.ownership.value;
    if (ownership === null) {
      warnings.push(
        rowWarning(
          "ownership-form-missing",
          p.label,
          `ownership form (direct or indirect) not stated; its ${formatShares(shares)} shares owned after are left out of holdings`,
        ),
      );
      continue;
    }
    const nature = p.row.nature.value === null ? null : cleanText(p.row.nature.value) || null;
    const notes = p.row.nature.footnoteIds;
    // Same words, different footnotes ("Trust" F8, "Trust" F9): different positions.
    const key = `${norm(p.security)}|${ownership}|${norm(nature)}|${idList(notes)}`;
    const existing = byKey.get(key);
    if (existing) existing.shares = shares;
    else {
      const holding: HoldingAfter = { security: p.security, ownership, nature, shares };
      if (notes.length > 0) {
        holding.natureFootnoteIds = [...notes];
        const heldBy = notes
          .map((id) => footnotes.find((f) => f.id === id)?.text ?? "")
          .map(holderNamed)
          .find((name) => name !== null);
        if (heldBy) holding.heldBy = heldBy;
      }
      byKey.set(key, holding);
    }
  }
  return { holdings: [...byKey.values()], warnings };
}

/** What tells one grant from another: exercise price and dates, or the footnotes standing in for them. */
function grantKey(p: PreparedRow, nature: string | null): string {
  const row = p.row;
  return `${norm(p.security)}|${row.exercisePrice.value ?? ""}|${row.exerciseDate.value ?? ""}/${idList(row.exerciseDate.footnoteIds)}|${row.expirationDate.value ?? ""}/${idList(row.expirationDate.footnoteIds)}|${row.ownership.value ?? ""}|${norm(nature)}|${idList(row.nature.footnoteIds)}`;
}

/** The grant without the footnotes on its price and dates: filers vary those from row to row. */
function looseGrantKey(p: PreparedRow, nature: string | null): string {
  const row = p.row;
  return `${norm(p.security)}|${row.exercisePrice.value ?? ""}|${row.exerciseDate.value ?? ""}|${row.expirationDate.value ?? ""}|${row.ownership.value ?? ""}|${norm(nature)}|${idList(row.nature.footnoteIds)}`;
}

/**
 * Derivative positions from Table II: the last state per security, exercise price, exercise and
 * expiration date and ownership (form and nature); positions that end at 0 are dropped. A holding
 * row that states only the underlying shares is counted by those. Rows that look alike but do not
 * continue each other's holdings (two RSU grants, neither dated nor priced) stay separate.
 */
export function tableDerivatives(rows: readonly PreparedRow[]): DerivativeHeld[] {
  const positions: { key: string; loose: string; held: DerivativeHeld }[] = [];
  for (const p of rows) {
    const row = p.row;
    if (row.table !== "derivative" || p.security === null) continue;
    const shares =
      row.sharesOwnedAfter.value ?? (row.kind === "holding" ? row.underlyingShares.value : null);
    const nature = row.nature.value === null ? null : cleanText(row.nature.value) || null;
    const key = grantKey(p, nature);
    const loose = looseGrantKey(p, nature);
    const held: DerivativeHeld = {
      security: p.security,
      shares,
      exercisePrice: row.exercisePrice.value,
      source: "table",
      underlyingSecurity: row.underlyingSecurity.value,
      exerciseDate: row.exerciseDate.value,
      expirationDate: row.expirationDate.value,
      ownership: row.ownership.value,
      nature,
      note: null,
    };
    const alike = positions.filter((x) => x.key === key);
    // Undated, unpriced rows (RSUs) may be different grants: only a row that continues a
    // position's holdings is that position.
    // A later row of the same position whose price or date footnotes differ (F3 here, F5 there)
    // still continues it when its transaction takes the holdings on: the last row wins.
    const target =
      (identified(p)
        ? alike[0]
        : (alike.find((x) => continues(x.held.shares, p, shares)) ??
          (checkable(p) ? undefined : alike[alike.length - 1]))) ??
      positions.findLast((x) => x.loose === loose && continues(x.held.shares, p, shares));
    if (target) target.held = held;
    else positions.push({ key, loose, held });
  }
  return positions.map((x) => x.held).filter((d) => d.shares !== 0);
}

/** A grant named by a real exercise price or by its dates (values or the footnotes standing in for them). */
function identified(p: PreparedRow): boolean {
  const row = p.row;
  const price = row.exercisePrice.value;
  return (
    (price !== null && price !== 0) ||
    [row.exerciseDate, row.expirationDate].some((d) => d.value !== null || d.footnoteIds.length > 0)
  );
}

/** Whether a row's transaction takes a position from `before` to `after`. */
function continues(before: number | null, p: PreparedRow, after: number | null): boolean {
  if (before === null || after === null) return false;
  if (p.row.kind === "holding") return Math.abs(before - after) < 1;
  if (p.shares === null || p.acquiredDisposed === null) return false;
  const signed = p.acquiredDisposed === "A" ? p.shares : -p.shares;
  return Math.abs(before + signed - after) < 1;
}

/** A row that can be checked against a position (it states shares, direction and the result). */
function checkable(p: PreparedRow): boolean {
  return (
    p.row.sharesOwnedAfter.value !== null &&
    (p.row.kind === "holding" || (p.shares !== null && p.acquiredDisposed !== null))
  );
}

const KIND_WORDS = ["warrant", "option", "right", "unit", "rsu", "psu", "sar", "convertible"];

function kindsOf(security: string): string[] {
  const s = security.toLowerCase();
  return KIND_WORDS.filter((k) => s.includes(k));
}

/** A footnote entry that restates a Table II position (same kind of instrument and amount). */
function duplicates(entry: FootnoteHolding, table: readonly DerivativeHeld[]): boolean {
  const kinds = kindsOf(entry.security);
  return table.some((t) => {
    const sameKind = kindsOf(t.security).some((k) => kinds.includes(k));
    const sameAmount = t.shares === entry.shares;
    const samePrice = entry.exercisePrice === null || t.exercisePrice === entry.exercisePrice;
    return sameKind && sameAmount && samePrice;
  });
}

/**
 * Derivative positions stated only in words (footnotes, then remarks), e.g. the seed's "also holds
 * … 4,000 Class B Warrants". Entries that repeat a Table II position are left out.
 */
export function footnoteDerivatives(
  filing: Filing,
  table: readonly DerivativeHeld[],
  readings: FootnoteReadings = new FootnoteReadings(),
): DerivativeHeld[] {
  const texts = [
    ...filing.footnotes.map((f) => f.text),
    ...(filing.remarks ? [filing.remarks] : []),
  ];
  const out: DerivativeHeld[] = [];
  for (const text of texts) {
    for (const entry of readHeldDerivatives(text, readings.sentences)) {
      if (duplicates(entry, table)) continue;
      const already = out.some(
        (d) =>
          norm(d.security) === norm(entry.security) &&
          d.shares === entry.shares &&
          d.note === entry.note &&
          d.exercisePrice === entry.exercisePrice,
      );
      if (already) continue;
      out.push({
        security: entry.security,
        shares: entry.shares,
        exercisePrice: entry.exercisePrice,
        source: "footnote",
        underlyingSecurity: null,
        exerciseDate: null,
        expirationDate: null,
        ownership: null,
        nature: null,
        note: entry.note,
      });
    }
  }
  return out;
}
