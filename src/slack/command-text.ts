// What a person typed after `/form4`, read into one of a few commands. Pure.
// A discriminated union so later subcommands (watch, unwatch, watchlist, digest …) are one more
// `kind` and one more branch in `parseCommandText`.

export const DEFAULT_FILING_COUNT = 3;
export const MAX_FILING_COUNT = 10;

export type Form4Command =
  /** `problem` says what was wrong with the text (null when help was asked for). */
  | { kind: "help"; problem: string | null }
  /** `note` tells the person when their count was changed (e.g. capped at 10). */
  | { kind: "ticker"; ticker: string; count: number; note: string | null }
  /** An EDGAR link or a bare accession number, handed to the EDGAR client as typed. */
  | { kind: "filing"; target: string };

// Tickers as EDGAR lists them: letters and digits, with a class suffix after "." or "-" (BRK.B, BRK-B).
const TICKER = /^[A-Za-z][A-Za-z0-9]{0,5}([.-][A-Za-z0-9]{1,3})?$/;
const ACCESSION = /^(\d{10}-\d{2}-\d{6}|\d{18})$/;
const LINK = /^(https?:\/\/|(www\.)?sec\.gov\/)/i;

/** Slack escapes &, < and > in command text; `<url|label>` / `<url>` wrap links when escaping is on. */
function unwrapSlackText(text: string): string {
  return text
    .replace(/<((?:https?:\/\/)[^>|]+)(?:\|[^>]*)?>/gi, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function shorten(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function parseCommandText(raw: string): Form4Command {
  const text = unwrapSlackText(raw).trim();
  if (text === "" || /^(help|\?|-h|--help)$/i.test(text)) {
    return {
      kind: "help",
      problem: text === "" ? "Tell me a ticker or paste an EDGAR link." : null,
    };
  }
  const words = text.split(/\s+/);
  const first = words[0] ?? "";

  if (LINK.test(first) || ACCESSION.test(first)) {
    if (words.length > 1) {
      return { kind: "help", problem: "Give one EDGAR link or accession number at a time." };
    }
    return { kind: "filing", target: first };
  }

  if (!TICKER.test(first)) {
    return {
      kind: "help",
      problem: `"${shorten(first)}" is not a ticker, an EDGAR link or an accession number.`,
    };
  }
  const ticker = first.toUpperCase();
  const countText = words.slice(1).join(" ");
  if (countText === "") {
    return { kind: "ticker", ticker, count: DEFAULT_FILING_COUNT, note: null };
  }
  if (!/^\d+$/.test(countText)) {
    return {
      kind: "help",
      problem: `I read ${ticker} as a ticker, but "${shorten(countText)}" after it is not a number of filings (1 to ${MAX_FILING_COUNT}).`,
    };
  }
  const count = Number(countText);
  if (count < 1) {
    return { kind: "help", problem: `Ask for at least 1 filing (up to ${MAX_FILING_COUNT}).` };
  }
  if (count > MAX_FILING_COUNT) {
    // Asking for more than we show is not an error worth a retry: show the most we can and say so.
    return {
      kind: "ticker",
      ticker,
      count: MAX_FILING_COUNT,
      note: `Showing the latest ${MAX_FILING_COUNT}, the most I show at once.`,
    };
  }
  return { kind: "ticker", ticker, count, note: null };
}
