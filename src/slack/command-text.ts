// What a person typed after `/form4`, read into one of a few commands. Pure.
// A discriminated union: each subcommand is one `kind` and one branch in `parseCommandText`.
// The words watch, unwatch, watchlist, digest, alert, alerts and history are subcommands, never read as
// tickers.

import { type AlertCommand, parseAlertCommand } from "../alerts/rules.js";
import { DEFAULT_WINDOW_MONTHS, MAX_WINDOW_MONTHS, parseWindowLength } from "../history/window.js";

export const DEFAULT_FILING_COUNT = 5;
export const MAX_FILING_COUNT = 10;

export type Form4Command =
  /** `problem` says what was wrong with the text (null when help was asked for). */
  | { kind: "help"; problem: string | null }
  /** `note` tells the person when their count was changed (e.g. capped at 10). */
  | { kind: "ticker"; ticker: string; count: number; note: string | null }
  /** An EDGAR link or a bare accession number, handed to the EDGAR client as typed. */
  | { kind: "filing"; target: string }
  /** `watch ASTI TSLA`: tickers as typed (the digest normalizes and checks them against EDGAR). */
  | { kind: "watch"; tickers: string[] }
  | { kind: "unwatch"; tickers: string[] }
  /** `watchlist` (or `digest` alone): the channel's tickers and digest settings. */
  | { kind: "watchlist" }
  /** `digest at 18:00 [Europe/London]`: time and zone as typed; the digest validates them. */
  | { kind: "digestAt"; time: string; timeZone: string | null }
  | { kind: "digestOff" }
  | { kind: "digestOn" }
  | { kind: "digestNow" }
  | { kind: "digestMarket"; on: boolean }
  /** `alert …` / `alerts`: the channel's real-time alert rules (read by src/alerts/rules.ts). */
  | { kind: "alert"; command: AlertCommand }
  /** `history ASTI [3m|6m|1y|2y]`: the company's insiders over the last `months` months. */
  | { kind: "history"; ticker: string; months: number };

/** The subcommands about the channel's watchlist and digest (answered from the store). */
export type DigestCommand = Extract<
  Form4Command,
  {
    kind:
      | "watch"
      | "unwatch"
      | "watchlist"
      | "digestAt"
      | "digestOff"
      | "digestOn"
      | "digestNow"
      | "digestMarket";
  }
>;

export function isDigestCommand(command: Form4Command): command is DigestCommand {
  return !["help", "ticker", "filing", "alert", "history"].includes(command.kind);
}

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
  const subcommand = parseSubcommand(first.toLowerCase(), words.slice(1));
  if (subcommand) return subcommand;

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

/** Tickers after watch/unwatch: separated by spaces or commas ("ASTI, TSLA"). */
function tickerWords(words: string[]): string[] {
  return words
    .join(" ")
    .split(/[\s,]+/)
    .filter((w) => w !== "");
}

/** watch / unwatch / watchlist / digest …, or null when `first` is not a subcommand word. */
function parseSubcommand(first: string, rest: string[]): Form4Command | null {
  switch (first) {
    case "watch":
    case "unwatch": {
      const tickers = tickerWords(rest);
      if (tickers.length === 0) {
        return {
          kind: "help",
          problem: `Name the tickers to ${first}, like /form4 ${first} ASTI${first === "watch" ? " TSLA" : ""}.`,
        };
      }
      return { kind: first, tickers };
    }
    case "watchlist":
      if (rest.length > 0) {
        return {
          kind: "help",
          problem: "/form4 watchlist takes nothing after it; to add tickers use /form4 watch ASTI.",
        };
      }
      return { kind: "watchlist" };
    case "digest":
      return parseDigest(rest);
    case "alert":
      return { kind: "alert", command: parseAlertCommand(rest) };
    case "history":
      return parseHistory(rest);
    case "alerts":
      return {
        kind: "alert",
        command: rest.length === 0 ? { kind: "list" } : parseAlertCommand(rest),
      };
    default:
      return null;
  }
}

/** `history TICKER [3m|6m|1y|2y]` (any length up to 5 years: 18m, 3y). */
function parseHistory(words: string[]): Form4Command {
  const [ticker, length, ...extra] = words;
  const usage = "like /form4 history ASTI, or /form4 history ASTI 6m (3m, 6m, 1y, 2y).";
  if (ticker === undefined) return { kind: "help", problem: `Name the company, ${usage}` };
  if (!TICKER.test(ticker)) {
    return { kind: "help", problem: `"${shorten(ticker)}" is not a ticker: ${usage}` };
  }
  if (extra.length > 0) {
    return {
      kind: "help",
      problem: `I did not understand "${shorten(extra.join(" "))}": ${usage}`,
    };
  }
  const months = length === undefined ? DEFAULT_WINDOW_MONTHS : parseWindowLength(length);
  if (months === null) {
    return {
      kind: "help",
      problem: `"${shorten(length ?? "")}" is not a window: say 3m, 6m, 1y or 2y (at most ${MAX_WINDOW_MONTHS / 12} years).`,
    };
  }
  return { kind: "history", ticker: ticker.toUpperCase(), months };
}

const DIGEST_USAGE =
  "Try /form4 digest at 18:00, digest at 08:30 Europe/London, digest off, digest on, digest now, or digest market on.";

function digestProblem(problem: string): Form4Command {
  return { kind: "help", problem: `${problem} ${DIGEST_USAGE}` };
}

function parseDigest(words: string[]): Form4Command {
  const [verb = "", ...rest] = words;
  const what = verb.toLowerCase();
  const only = (command: Form4Command): Form4Command =>
    rest.length === 0
      ? command
      : digestProblem(`I did not understand "${shorten(rest.join(" "))}" after digest ${what}.`);
  switch (what) {
    case "":
      // What is my digest set to? The watchlist answer says it.
      return { kind: "watchlist" };
    case "off":
      return only({ kind: "digestOff" });
    case "on":
      return only({ kind: "digestOn" });
    case "now":
      return only({ kind: "digestNow" });
    case "market": {
      const state = rest.join(" ").toLowerCase();
      if (state === "on" || state === "off") return { kind: "digestMarket", on: state === "on" };
      return digestProblem("Say digest market on or digest market off.");
    }
    case "at":
      return parseDigestAt(rest);
    default:
      return digestProblem(`"${shorten(verb)}" is not a digest setting.`);
  }
}

/** "18:00", "6pm", "6:30 pm", each optionally followed by a time zone name. */
function parseDigestAt(words: string[]): Form4Command {
  if (words.length === 0) return digestProblem("Say when, like digest at 18:00.");
  const [first = "", second, ...more] = words;
  // "6:30 pm": the am/pm may come as a word of its own.
  const split = second !== undefined && /^(am|pm)$/i.test(second);
  const time = split ? `${first} ${second}` : first;
  const rest = split ? more : words.slice(1);
  if (rest.length > 1) {
    return digestProblem(
      `I read "${shorten(time)}" as the time; give one time zone after it, like Europe/London.`,
    );
  }
  return { kind: "digestAt", time, timeZone: rest[0] ?? null };
}
