// The daily digest as Slack messages: how it looks. What goes in it, in which order, and which
// filings each message reports for the cursor, is src/digest/digest.ts. Pure. Each filing is one
// line as `/form4 TICKER` shows it (value first, the ticker once, on its heading); lines are packed
// into sections within Slack's limits, more messages when needed, "and 12 more" with links.

import type { types } from "@slack/bolt";
import type { FilingRef } from "../edgar/types.js";
import type { Summary } from "../form4/summary.js";
import { blockKitProblems, LIMITS } from "./block-limits.js";
import { packLines, type SlackMessage } from "./blocks.js";
import { filingLine as listedLine } from "./filing-list.js";
import { formatDate, plural, truncateWords } from "./format.js";
import { bold, escapeMrkdwn, inertUrls, mrkdwnLink, truncateMrkdwn } from "./mrkdwn.js";
import { displayName } from "./names.js";

type KnownBlock = types.KnownBlock;

/** One filing for the digest: summarized, or (summary null) one we could not read, and why. */
export interface DigestFiling {
  ref: FilingRef;
  url: string;
  summary: Summary | null;
  problem: string | null;
  /**
   * When the channel's real-time alert for this filing was posted (epoch ms; src/alerts/state.ts
   * records it), or null / absent: not alerted there. The line says so, so it is not news twice.
   */
  alertedAt?: number | null;
  /** `alertedAt` as people read it in the channel's time zone ("14:02", "Tue 18:05"); set by buildDigest. */
  alertedText?: string;
}

export interface TickerDigest {
  ticker: string;
  name: string;
  /** The company's Form 4 list on EDGAR, for "and 40 more". */
  companyUrl: string | null;
  filings: DigestFiling[];
  /** EDGAR could not be asked about this ticker: nothing is reported or recorded for it. */
  error: string | null;
  /**
   * Listed under the company's CIK but about another issuer (the company was a filer, not the
   * issuer): not shown, but recorded with the first message so they are not fetched again.
   */
  ignored?: FilingRef[];
}

export interface DigestInput {
  tickers: TickerDigest[];
  /** The previous digest (epoch ms), or null: then the digest covers filings since watching began. */
  since: number | null;
  /** `since` as people read it in the channel's time zone ("Mon Jun 8 18:00"); set by buildDigest. */
  sinceText?: string;
  now: number;
  timeZone: string;
}

/** A filing a message reports, for the cursor. */
export interface Covered {
  ticker: string;
  ref: FilingRef;
}

export interface DigestMessage extends SlackMessage {
  covers: Covered[];
}

/** Filings shown in full per ticker; the rest are listed as links. */
export const LINES_PER_TICKER = 10;
/** Keep one message readable (Slack's own hard cap on a message is far above this). */
const MESSAGE_CHAR_BUDGET = 12_000;

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text, verbatim: true } };
}

function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text, verbatim: true }] };
}

function unreadableLine(ticker: string, f: DigestFiling): string {
  const label = bold(escapeMrkdwn(ticker));
  const what = `Form ${f.ref.form} ${f.ref.accessionNumber}, filed ${formatDate(f.ref.filedDate)}`;
  const why = escapeMrkdwn(truncateWords(f.problem ?? "unreadable", 300));
  return `\u26a0 ${label} ${mrkdwnLink(f.url, escapeMrkdwn(what))} could not be read: ${why}`;
}

/** Lines are cut to this; the alerted mark is kept within it, after the cut. */
const LINE_CHARS = 1500;

/** " · ⚡ alerted 14:02": the filing was already posted here as a real-time alert. */
export function alertedMark(f: DigestFiling): string {
  return f.alertedText ? ` \u00b7 \u26a1 alerted ${escapeMrkdwn(f.alertedText)}` : "";
}

function filingLine(ticker: string, f: DigestFiling): string {
  const line = f.summary
    ? listedLine({ summary: f.summary, url: f.url, key: null })
    : unreadableLine(ticker, f);
  const mark = alertedMark(f);
  return `${truncateMrkdwn(line, LINE_CHARS - mark.length)}${mark}`;
}

/** A short link label for a filing in an "and N more" list: "Misra, Nov 14". */
function shortLabel(f: DigestFiling): string {
  const owner = f.summary?.owners[0]?.name;
  const who = owner
    ? displayName(owner, f.summary?.signatureNames).split(" ").slice(-1)[0]
    : f.ref.accessionNumber;
  const date = formatDate(f.ref.filedDate).replace(/, \d{4}$/, "");
  return escapeMrkdwn(
    `${who ?? f.ref.accessionNumber}, ${date}${f.ref.form === "4/A" ? " (4/A)" : ""}${f.alertedText ? " \u26a1" : ""}`,
  );
}

/** "and 12 more: <link|Misra, Nov 14>, …", ending with the company page when links run out of room. */
function moreLine(t: TickerDigest, rest: readonly DigestFiling[]): string {
  const head = `\u2026 and ${plural(rest.length, "more filing")}: `;
  const tail = (left: number) =>
    t.companyUrl
      ? ` and ${left} more on ${mrkdwnLink(t.companyUrl, "EDGAR")}`
      : ` and ${left} more on EDGAR`;
  const room = LIMITS.sectionText - head.length - tail(rest.length).length - 2;
  const links: string[] = [];
  let used = 0;
  for (const f of rest) {
    const link = mrkdwnLink(f.url, shortLabel(f));
    if (used + link.length + 2 > room) break;
    links.push(link);
    used += link.length + 2;
  }
  const left = rest.length - links.length;
  return `${head}${links.join(", ")}${left > 0 ? tail(left) : ""}`;
}

interface Chunk {
  block: KnownBlock;
  covers: Covered[];
  chars: number;
}

function chunk(block: KnownBlock, covers: Covered[] = []): Chunk {
  return { block, covers, chars: JSON.stringify(block).length };
}

function tickerChunks(
  t: TickerDigest,
  order: (filings: readonly DigestFiling[]) => DigestFiling[],
): Chunk[] {
  const ordered = order(t.filings);
  const shown = ordered.slice(0, LINES_PER_TICKER);
  const rest = ordered.slice(LINES_PER_TICKER);
  const count = plural(t.filings.length, "filing");
  const chunks: Chunk[] = [
    chunk(
      section(
        truncateMrkdwn(
          `${bold(escapeMrkdwn(t.ticker))} \u00b7 ${escapeMrkdwn(t.name)}: ${count}`,
          LIMITS.sectionText,
        ),
      ),
    ),
  ];
  // Lines are packed into sections; each section carries the filings it shows.
  let pending: { line: string; f: DigestFiling }[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const [text] = packLines(pending.map((p) => p.line));
    chunks.push(
      chunk(
        section(text ?? ""),
        pending.map((p) => ({ ticker: t.ticker, ref: p.f.ref })),
      ),
    );
    pending = [];
  };
  for (const f of shown) {
    const line = filingLine(t.ticker, f);
    const length = pending.reduce((n, p) => n + p.line.length + 1, 0);
    if (length + line.length > LIMITS.sectionText) flush();
    pending.push({ line, f });
  }
  flush();
  if (rest.length > 0) {
    chunks.push(
      chunk(
        section(moreLine(t, rest)),
        rest.map((f) => ({ ticker: t.ticker, ref: f.ref })),
      ),
    );
  }
  return chunks;
}

function tickerNames(tickers: readonly TickerDigest[]): string {
  return tickers.map((t) => bold(escapeMrkdwn(t.ticker))).join(", ");
}

/**
 * The digest's messages, in posting order, each with the filings it reports (`covers`): a heading,
 * per ticker its filings one line each in `order`, "and 12 more" with links, the quiet and failed
 * tickers; as many messages as Slack's limits need. A quiet day is one message of one line.
 */
export function digestMessages(
  input: DigestInput,
  order: (filings: readonly DigestFiling[]) => DigestFiling[],
): DigestMessage[] {
  const sinceText = input.since === null ? "since they were added" : `since ${input.sinceText}`;
  const withFilings = input.tickers.filter((t) => t.error === null && t.filings.length > 0);
  const quiet = input.tickers.filter((t) => t.error === null && t.filings.length === 0);
  const failed = input.tickers.filter((t) => t.error !== null);
  const failedChunks = failed.map((t) =>
    chunk(
      context(
        `\u26a0 ${bold(escapeMrkdwn(t.ticker))}: ${escapeMrkdwn(truncateWords(t.error ?? "", 500))}. Its filings will be in the next digest.`,
      ),
    ),
  );

  if (withFilings.length === 0) {
    const names = quiet.length > 0 ? tickerNames(quiet) : null;
    const line = names
      ? `No insider filings for ${names} ${sinceText}.`
      : "No watched tickers could be checked on EDGAR for this digest.";
    const blocks = [section(line), ...failedChunks.map((c) => c.block)];
    return [{ text: plainFallback(line), blocks, covers: [] }];
  }

  const total = withFilings.reduce((n, t) => n + t.filings.length, 0);
  const title = `Insider filings: ${plural(total, "Form 4 filing")} ${sinceText}`;
  const chunks: Chunk[] = withFilings.flatMap((t) => tickerChunks(t, order));
  if (quiet.length > 0) chunks.push(chunk(context(`Nothing new for ${tickerNames(quiet)}.`)));
  chunks.push(...failedChunks);

  // Fill messages up to 50 blocks (one kept for the heading) and a readable size.
  const groups: Chunk[][] = [];
  let current: Chunk[] = [];
  let chars = 0;
  for (const c of chunks) {
    if (
      current.length > 0 &&
      (current.length + 1 >= LIMITS.blocksPerMessage || chars + c.chars > MESSAGE_CHAR_BUDGET)
    ) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(c);
    chars += c.chars;
  }
  if (current.length > 0) groups.push(current);

  const summaryText = withFilings
    .map((t) => `${escapeMrkdwn(t.ticker)} ${plural(t.filings.length, "filing")}`)
    .join(", ");
  return groups.map((group, i) => {
    const part = groups.length > 1 ? ` (${i + 1} of ${groups.length})` : "";
    const heading = section(bold(`${escapeMrkdwn(title)}${part}`));
    const blocks = [heading, ...group.map((c) => c.block)];
    const message: DigestMessage = {
      text: plainFallback(`${title}${part}: ${summaryText}`),
      blocks,
      covers: group.flatMap((c) => c.covers),
    };
    return guard(message);
  });
}

/** Notification text: no mrkdwn (asterisks would show), at most Slack's 4000 characters. */
function plainFallback(s: string): string {
  return truncateWords(inertUrls(s.replace(/\*/g, "")), LIMITS.fallbackText);
}

/**
 * The last guard: a message Slack would reject is reduced to its heading and the filings' accession
 * numbers; only the filings it still names count as reported (the rest wait for the next digest).
 */
function guard(message: DigestMessage): DigestMessage {
  if (blockKitProblems(message.blocks).length === 0) return message;
  // message.text is already safe (built from escaped parts).
  const head = `${message.text}\nFilings: `;
  const covers: Covered[] = [];
  let text = head;
  for (const c of message.covers) {
    const item = `${covers.length > 0 ? ", " : ""}${escapeMrkdwn(c.ticker)} ${c.ref.accessionNumber}`;
    if (text.length + item.length > LIMITS.sectionText) break;
    text += item;
    covers.push(c);
  }
  return { ...message, blocks: [section(text)], covers };
}
