// Rows as the summary reads them: a damaged row's security and shares recovered from the holdings
// chain (only when the filing itself supports it), weighted-average price ranges attached, and every
// row checked against the change in shares owned after. Pure.

import { describeCode, isOpenMarket, pastVerb, transactionCode } from "./codes.js";
import { FootnoteReadings, type PriceRange } from "./footnotes.js";
import { formatPrice, formatShares } from "./format.js";
import type { AcquiredDisposed, Fact, Filing, Row } from "./model.js";
import { cleanText, parseNumber } from "./parse/values.js";
import type { SummaryWarning } from "./summary.js";
import { rowWarning } from "./warnings.js";

/** A row with what the summary worked out about it. */
export interface PreparedRow {
  row: Row;
  /** "Table I row 3", "Table II holding 1": how warnings name the row. */
  label: string;
  /** Stated, or taken from the row before it (see `securityFrom`). */
  security: string | null;
  /** Label of the row the security was taken from, when it was not stated. */
  securityFrom: string | null;
  /** Stated, or inferred from the change in shares owned after. */
  shares: number | null;
  inferred: boolean;
  code: string | null;
  acquiredDisposed: AcquiredDisposed | null;
  /** The footnote's weighted-average range around this row's price. */
  priceRange: PriceRange | null;
  /** Every footnote id on any of the row's facts, in first-seen order. */
  footnoteIds: string[];
}

export interface PreparedRows {
  rows: PreparedRow[];
  warnings: SummaryWarning[];
}

// Holdings are rounded by filers; a difference below one share is not a disagreement.
const SHARE_TOLERANCE = 1;
// A stated price may be rounded against the footnote's range ends.
const PRICE_TOLERANCE = 0.005;

// Shares and prices read the same in warnings as in the rows (src/form4/format.ts).
export { formatPrice, formatShares } from "./format.js";

export function tableName(table: Row["table"]): string {
  return table === "nonDerivative" ? "Table I" : "Table II";
}

export function rowLabel(row: Row): string {
  const kind = row.kind === "transaction" ? "row" : "holding";
  return `${tableName(row.table)} ${kind} ${row.index + 1}`;
}

function norm(s: string | null): string {
  return s === null ? "" : cleanText(s).toLowerCase();
}

/**
 * Holdings of one security in one form and nature chain together, row after row. In Table II each
 * grant is its own position, told apart by exercise price and exercise / expiration dates (or the
 * footnotes standing in for the dates, as RSU grants do); rows that state none of these cannot be
 * told apart, so they form no chain: no inference, no cross-check.
 */
function chainKey(row: Row, security: string): string | null {
  // Keys are built with template strings: arrays joined per row cost more than the rest of the row.
  const key = `${row.table}|${norm(security)}|${row.ownership.value ?? ""}|${norm(row.nature.value)}|${idList(row.nature.footnoteIds)}`;
  if (row.table !== "derivative") return key;
  const price = row.exercisePrice.value;
  const exercise = row.exerciseDate;
  const expiration = row.expirationDate;
  const dated =
    exercise.value !== null ||
    exercise.footnoteIds.length > 0 ||
    expiration.value !== null ||
    expiration.footnoteIds.length > 0;
  // RSUs carry a $0 "exercise price" on every grant: it tells nothing apart.
  if (!dated && (price === null || price === 0)) return null;
  return `${key}|${price ?? ""}|${exercise.value ?? ""}/${idList(exercise.footnoteIds)}|${expiration.value ?? ""}/${idList(expiration.footnoteIds)}`;
}

/** Footnote ids as keys hold them: "F1,F2", "" for none. */
export function idList(ids: readonly string[]): string {
  return ids.length === 0 ? "" : ids.length === 1 ? (ids[0] as string) : ids.join(",");
}

function addIds(ids: string[], fact: Fact<unknown>): void {
  for (const id of fact.footnoteIds) if (!ids.includes(id)) ids.push(id);
}

/** Every fact's footnote ids, in the facts' order (no array of the 16 facts made per row). */
function rowFootnoteIds(row: Row): string[] {
  const ids: string[] = [];
  addIds(ids, row.security);
  addIds(ids, row.date);
  addIds(ids, row.deemedDate);
  addIds(ids, row.code);
  addIds(ids, row.shares);
  addIds(ids, row.price);
  addIds(ids, row.acquiredDisposed);
  addIds(ids, row.sharesOwnedAfter);
  addIds(ids, row.valueOwnedAfter);
  addIds(ids, row.ownership);
  addIds(ids, row.nature);
  addIds(ids, row.exercisePrice);
  addIds(ids, row.exerciseDate);
  addIds(ids, row.expirationDate);
  addIds(ids, row.underlyingSecurity);
  addIds(ids, row.underlyingShares);
  return ids;
}

/** The A/D the row states, else the direction its code always has (S → D, P → A). */
function direction(row: Row): AcquiredDisposed | null {
  return row.acquiredDisposed.value ?? transactionCode(row.code.value)?.usualDirection ?? null;
}

function changeWords(from: number, to: number): string {
  const d = to - from;
  if (d === 0) return "no change";
  return `${d > 0 ? "up" : "down"} ${formatShares(Math.abs(d))}`;
}

/** The price range a footnote on the row gives, only when it contains the stated price. */
function rangeFor(
  row: Row,
  ids: string[],
  footnotes: ReadonlyMap<string, string>,
  readings: FootnoteReadings,
  label: string,
  warnings: SummaryWarning[],
): PriceRange | null {
  const price = row.price.value;
  if (price === null) return null;
  // Footnotes on the price first: that is where filers put the range.
  const ordered = [
    ...row.price.footnoteIds,
    ...ids.filter((id) => !row.price.footnoteIds.includes(id)),
  ];
  for (const id of ordered) {
    const text = footnotes.get(id);
    if (text === undefined) continue;
    const ranges = readings.priceRanges(text);
    const fit = ranges.find(
      (r) => price >= r.min - PRICE_TOLERANCE && price <= r.max + PRICE_TOLERANCE,
    );
    if (fit) return fit;
    if (ranges.length > 0 && row.price.footnoteIds.includes(id)) {
      const r = ranges[0] as PriceRange;
      warnings.push(
        rowWarning(
          "price-range-mismatch",
          label,
          `footnote ${id} gives a price range of ${formatPrice(r.min)} to ${formatPrice(r.max)}, which does not contain the reported price ${formatPrice(price)}; the range was not used`,
        ),
      );
    }
  }
  return null;
}

interface ChainStep {
  prepared: PreparedRow;
  before: number;
  after: number;
  signed: number | null;
}

/**
 * Prepare every row of the filing, in order. Inferences and disagreements become warnings naming
 * the row; nothing is dropped or silently corrected.
 */
export function prepareRows(
  filing: Filing,
  footnotes: ReadonlyMap<string, string>,
  readings: FootnoteReadings = new FootnoteReadings(),
): PreparedRows {
  const warnings: SummaryWarning[] = [];
  const rows: PreparedRow[] = [];
  // Last stated shares owned after, per holdings chain.
  const lastAfter = new Map<string, { after: number; label: string }>();
  const steps = new Map<string, ChainStep[]>();
  const firstAfter = new Map<string, number>();
  let previous: PreparedRow | null = null;

  for (const row of filing.rows) {
    const label = rowLabel(row);
    const ids = rowFootnoteIds(row);
    const dir = direction(row);
    const after = row.sharesOwnedAfter.value;
    const prepared: PreparedRow = {
      row,
      label,
      security: row.security.value === null ? null : cleanText(row.security.value) || null,
      securityFrom: null,
      shares: row.shares.value,
      inferred: false,
      code: row.code.value === null ? null : row.code.value.trim().toUpperCase() || null,
      acquiredDisposed: row.acquiredDisposed.value,
      priceRange: null,
      footnoteIds: ids,
    };
    if (previous !== null && previous.row.table !== row.table) previous = null;

    // A damaged row without a title continues the row before it only when the holdings say so.
    if (prepared.security === null && row.kind === "transaction" && previous?.security) {
      const prevAfter = previous.row.sharesOwnedAfter.value;
      const sameForm =
        previous.row.ownership.value !== null &&
        previous.row.ownership.value === row.ownership.value &&
        norm(previous.row.nature.value) === norm(row.nature.value);
      if (sameForm && prevAfter !== null && after !== null && dir !== null && after >= 0) {
        const change = after - prevAfter;
        const plausible =
          prepared.shares !== null
            ? Math.abs(prevAfter + (dir === "A" ? prepared.shares : -prepared.shares) - after) <
              SHARE_TOLERANCE
            : dir === "A"
              ? change > 0
              : change < 0;
        if (plausible) {
          prepared.security = previous.security;
          prepared.securityFrom = previous.label;
          warnings.push(
            rowWarning(
              "security-recovered",
              label,
              `security title missing; taken as ${previous.security} from ${previous.label}, because holdings continue from ${formatShares(prevAfter)} to ${formatShares(after)}`,
            ),
          );
        }
      }
    }
    if (prepared.security === null) {
      const listed = row.kind === "transaction" ? "the row is listed but" : "the row is";
      warnings.push(
        rowWarning(
          "security-missing",
          label,
          `security title missing and could not be recovered; ${listed} left out of holdings`,
        ),
      );
    }

    const key = prepared.security === null ? null : chainKey(row, prepared.security);
    const prev = key === null ? undefined : lastAfter.get(key);

    if (row.kind === "transaction" && prepared.shares === null) {
      if (prev !== undefined && after !== null && dir !== null) {
        const change = after - prev.after;
        if ((dir === "A" && change > 0) || (dir === "D" && change < 0)) {
          prepared.shares = Math.abs(change);
          prepared.inferred = true;
          const priceNote =
            row.price.value === null
              ? "; price not reported, so these shares are left out of the average price and value"
              : "";
          warnings.push(
            rowWarning(
              "shares-inferred",
              label,
              `shares not stated; ${formatShares(prepared.shares)} inferred from the change in shares owned after (${formatShares(prev.after)} to ${formatShares(after)})${priceNote}`,
            ),
          );
        }
      }
      if (prepared.shares === null) {
        warnings.push(
          rowWarning(
            "shares-unknown",
            label,
            "shares not stated and could not be inferred; the row is left out of the totals",
          ),
        );
      }
    }

    // A purchase marked "disposed" (or a sale marked "acquired") contradicts itself: shown as
    // filed, and said, because the reader cannot tell which half is the typo.
    const usual =
      row.kind === "transaction" && isOpenMarket(prepared.code)
        ? transactionCode(prepared.code)?.usualDirection
        : undefined;
    if (usual && dir !== null && dir !== usual) {
      warnings.push(
        rowWarning(
          "direction-contradicts-code",
          label,
          `code ${prepared.code} (${describeCode(prepared.code)}) is marked ${dir === "A" ? "acquired (A)" : "disposed (D)"}; the filing contradicts itself, shown as filed`,
        ),
      );
    }

    if (row.kind === "transaction") {
      prepared.priceRange = rangeFor(row, ids, footnotes, readings, label, warnings);
      // Only a footnote that states or describes a price stands in for the price.
      const firstPriceNote = row.price.footnoteIds.find((id) =>
        readings.describesPrice(footnotes.get(id) ?? ""),
      );
      if (row.price.value === null && firstPriceNote !== undefined) {
        const text = footnotes.get(firstPriceNote);
        const quote = text === undefined ? "" : `: "${shorten(text)}"`;
        warnings.push(
          rowWarning(
            "price-in-footnote",
            label,
            `price given only in footnote ${firstPriceNote}${quote}`,
          ),
        );
      } else if (
        row.price.value === null &&
        !prepared.inferred &&
        prepared.shares !== null &&
        isOpenMarket(prepared.code)
      ) {
        warnings.push(
          rowWarning(
            "price-missing",
            label,
            `no price reported; its ${formatShares(prepared.shares)} shares are left out of the average price and value`,
          ),
        );
      }
    }

    if (key !== null && after !== null) {
      if (prev !== undefined && row.kind === "transaction") {
        const signed =
          prepared.shares === null || dir === null
            ? null
            : dir === "A"
              ? prepared.shares
              : -prepared.shares;
        const list = steps.get(key) ?? [];
        list.push({ prepared, before: prev.after, after, signed });
        steps.set(key, list);
      }
      if (!firstAfter.has(key)) firstAfter.set(key, after);
      lastAfter.set(key, { after, label });
    }
    rows.push(prepared);
    previous = prepared;
  }

  warnings.push(...crossCheck(footnotes, steps, firstAfter, lastAfter));
  return { rows, warnings };
}

function shorten(text: string): string {
  const clean = cleanText(text);
  return clean.length <= 160 ? clean : `${clean.slice(0, 157)}…`;
}

const SHARES_IN_TEXT = /(\d[\d,]*(?:\.\d+)?)\s+(?:[\w-]+\s+){0,5}?shares\b/gi;

/**
 * Whether a footnote on the row states exactly the shares that make up the gap, as in "Includes
 * 3,019 shares … acquired … pursuant to the Issuer's employee stock purchase plan".
 */
function explainedByFootnote(
  p: PreparedRow,
  gap: number,
  footnotes: ReadonlyMap<string, string>,
): boolean {
  for (const id of p.footnoteIds) {
    const text = footnotes.get(id);
    if (text === undefined) continue;
    for (const m of text.matchAll(SHARES_IN_TEXT)) {
      const n = parseNumber(m[1]);
      if (n !== null && Math.abs(n - gap) < SHARE_TOLERANCE) return true;
    }
  }
  return false;
}

/**
 * Each stated transaction against the change in shares owned after since the previous row of its
 * chain. Filers list lots and rows in their own order, so a chain whose rows add up overall (first
 * to last shares owned after) is taken as consistent and stays quiet, and so is a gap a footnote on
 * the row accounts for.
 */
function crossCheck(
  footnotes: ReadonlyMap<string, string>,
  steps: ReadonlyMap<string, ChainStep[]>,
  firstAfter: ReadonlyMap<string, number>,
  lastAfter: ReadonlyMap<string, { after: number }>,
): SummaryWarning[] {
  const out: SummaryWarning[] = [];
  for (const [key, list] of steps) {
    const checked = list.filter((s) => s.signed !== null && !s.prepared.inferred);
    const bad = checked.filter((s) => {
      const gap = Math.abs(s.before + (s.signed as number) - s.after);
      return gap >= SHARE_TOLERANCE && !explainedByFootnote(s.prepared, gap, footnotes);
    });
    if (bad.length === 0) continue;
    const first = firstAfter.get(key);
    const last = lastAfter.get(key)?.after;
    if (first !== undefined && last !== undefined && list.every((s) => s.signed !== null)) {
      const total = list.reduce((sum, s) => sum + (s.signed as number), 0);
      if (Math.abs(first + total - last) < SHARE_TOLERANCE) continue;
    }
    for (const s of bad) {
      const p = s.prepared;
      const dir = (s.signed as number) >= 0 ? "A" : "D";
      const where = [p.security, p.row.date.value].filter((x) => x !== null).join(", ");
      out.push({
        code: "holdings-mismatch",
        where: p.label,
        text: `${p.label} (${where}): ${formatShares(p.shares as number)} shares ${pastVerb(p.code, dir)} but holdings went from ${formatShares(s.before)} to ${formatShares(s.after)} (${changeWords(s.before, s.after)}); the filing does not add up here, both figures are shown as filed`,
      });
    }
  }
  return out;
}
