// What a channel's digest reports: its filings ordered per insider (largest value first) and which
// filings each message carries, so the cursor moves message by message, only after each was
// posted. How it looks (Block Kit) is src/render/digest.ts. Pure: no clock, no I/O.

import type { Summary } from "../form4/summary.js";
import {
  type DigestFiling,
  type DigestInput,
  type DigestMessage,
  digestMessages,
} from "../render/digest.js";
import { formatClock, formatWhen } from "./time.js";

export {
  type Covered,
  type DigestFiling,
  type DigestInput,
  type DigestMessage,
  LINES_PER_TICKER,
  type TickerDigest,
} from "../render/digest.js";

/** Σ(shares × price) over a filing's priced Table I trades: what "largest" means. */
export function filingValue(summary: Summary): number {
  return summary.groups
    .filter((g) => g.table === "nonDerivative")
    .reduce((sum, g) => sum + g.value, 0);
}

function ownerKey(summary: Summary): string {
  return summary.owners.map((o) => o.cik ?? o.name.toLowerCase()).join("|");
}

/**
 * Readable filings grouped per insider (the same reporting owners), insiders ordered by their
 * total value, each insider's filings by value; ties by filing date, then accession. Unreadable
 * filings last.
 */
export function orderFilings(filings: readonly DigestFiling[]): DigestFiling[] {
  const readable = filings.filter((f) => f.summary !== null);
  const unreadable = filings.filter((f) => f.summary === null);
  const byOwner = new Map<string, DigestFiling[]>();
  for (const f of readable) {
    const key = ownerKey(f.summary as Summary);
    byOwner.set(key, [...(byOwner.get(key) ?? []), f]);
  }
  const value = (f: DigestFiling) => (f.summary ? filingValue(f.summary) : 0);
  const tie = (a: DigestFiling, b: DigestFiling) =>
    b.ref.filedDate.localeCompare(a.ref.filedDate) ||
    a.ref.accessionNumber.localeCompare(b.ref.accessionNumber);
  const groups = [...byOwner.values()].map((group) => ({
    filings: group.sort((a, b) => value(b) - value(a) || tie(a, b)),
    total: group.reduce((s, f) => s + value(f), 0),
  }));
  groups.sort(
    (a, b) => b.total - a.total || tie(a.filings[0] as DigestFiling, b.filings[0] as DigestFiling),
  );
  return [...groups.flatMap((g) => g.filings), ...unreadable.sort(tie)];
}

/** The digest's messages, in posting order. A quiet day is one message of one line. */
export function buildDigest(input: DigestInput): DigestMessage[] {
  const sinceText = input.since === null ? undefined : formatWhen(input.since, input.timeZone);
  const tickers = input.tickers.map((t) => ({
    ...t,
    filings: t.filings.map((f) =>
      typeof f.alertedAt === "number"
        ? { ...f, alertedText: formatClock(f.alertedAt, input.timeZone, input.now) }
        : f,
    ),
  }));
  const messages = digestMessages({ ...input, tickers, sinceText }, orderFilings);
  const ignored = input.tickers.flatMap((t) =>
    t.error === null ? (t.ignored ?? []).map((ref) => ({ ticker: t.ticker, ref })) : [],
  );
  const [first, ...rest] = messages;
  if (!first || ignored.length === 0) return messages;
  return [{ ...first, covers: [...first.covers, ...ignored] }, ...rest];
}
