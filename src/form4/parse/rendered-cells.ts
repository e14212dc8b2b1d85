// Cells of EDGAR's rendered Form 4 (the HTML page and text copied from it), as both "human"
// readers see them: the visible text, with the footnote markers "(1)" that sat in <sup> after a
// value split off into footnote ids. Pure.

import type { Footnote } from "../model.js";
import { cleanText, parseDate, parseNumber } from "./values.js";

export interface Cell {
  /** The text as it stood, markers included ("43,600 (2)"). */
  raw: string;
  /** The visible value without markers, white space collapsed ("43,600"). */
  text: string;
  /** "F2", ... in the order the markers appear. */
  footnoteIds: string[];
}

// A footnote marker: "(1)" .. "(999)". Four digits in parentheses are a year, not a marker.
const MARKER = /\(\s*(\d{1,3})\s*\)/g;

/** "(1)" → "F1" (the XML reader's ids). */
export function footnoteId(number: string): string {
  return `F${Number(number)}`;
}

/**
 * "43,600 (2)" → { text: "43,600", footnoteIds: ["F2"] }. Markers become a space, so digits on
 * either side never join into a number the filing does not state.
 */
export function cellFromText(raw: string, extraIds: readonly string[] = []): Cell {
  const ids: string[] = [];
  const text = cleanText(
    raw.replace(MARKER, (_m, n: string) => {
      ids.push(footnoteId(n));
      return " ";
    }),
  );
  for (const id of extraIds) ids.push(id);
  return { raw, text, footnoteIds: unique(ids) };
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function isDateLike(text: string): boolean {
  return parseDate(text) !== null;
}

/** Written like a date, real or not ("13/45/2007"): it stands where a date belongs. */
export function isDateShaped(text: string): boolean {
  return isDateLike(text) || /^\d{1,2}\/\d{1,2}\/\d{2,4}$|^\d{4}-\d{1,2}-\d{1,2}$/.test(text);
}

/** A transaction code, possibly followed by the "V" (voluntarily reported) mark. */
export function isCodeLike(text: string): boolean {
  return /^[A-Z](?:\s*V)?$/.test(text);
}

/** The (A) or (D) column of Table I. */
export function isAcquiredDisposedLike(text: string): boolean {
  return /^\(?[AD]\)?$/.test(text);
}

/** The Direct (D) or Indirect (I) column. */
export function isOwnershipLike(text: string): boolean {
  return /^\(?[DI]\)?$/.test(text);
}

/** A cell that holds an amount: digits and nothing but "$", separators and signs around them. */
export function isAmountLike(text: string): boolean {
  return text !== "" && parseNumber(text) !== null;
}

export interface AmountToken {
  value: number;
  /** The number as written, for messages. */
  written: string;
  footnoteIds: string[];
}

/**
 * The numbers of a cell that holds several columns at once, in order, each with the markers that
 * follow it: "$ 700 16.76" → 700, 16.76 (a copy that mashed Amount and Price together).
 * Returns null when the cell holds anything else than numbers, "$" signs and markers.
 */
export function amountsInCell(raw: string): AmountToken[] | null {
  const spaced = raw.replace(MARKER, (_m, n: string) => ` (${n}) `);
  const tokens = cleanText(spaced).split(" ");
  const out: AmountToken[] = [];
  const leading: string[] = [];
  for (const token of tokens) {
    if (token === "" || token === "$") continue;
    const marker = /^\((\d{1,3})\)$/.exec(token);
    if (marker?.[1]) {
      const last = out[out.length - 1];
      if (last) last.footnoteIds.push(footnoteId(marker[1]));
      else leading.push(footnoteId(marker[1]));
      continue;
    }
    const value = parseNumber(token);
    if (value === null) return null;
    out.push({ value, written: token, footnoteIds: [] });
  }
  const first = out[0];
  if (first) first.footnoteIds.unshift(...leading);
  return out;
}

/**
 * One line of "Explanation of Responses": "(1) The sales ..." or "1. Each share ..." → F1.
 * Null for lines that are not a numbered footnote.
 */
export function footnoteFromLine(line: string): Footnote | null {
  const m = /^\(\s*(\d{1,3})\s*\)\s*(.*)$/s.exec(line) ?? /^(\d{1,3})\.\s+(.*)$/s.exec(line);
  if (!m?.[1]) return null;
  return { id: footnoteId(m[1]), text: cleanText(m[2] ?? "") };
}

const NO_TICKER = new Set(["", "n/a", "na", "none", "-", "--"]);

/** The ticker between the brackets; "", "N/A", "NONE" → null (as the XML reader reads them). */
export function tickerOrNull(raw: string): string | null {
  const ticker = cleanText(raw);
  return NO_TICKER.has(ticker.toLowerCase()) ? null : ticker;
}
