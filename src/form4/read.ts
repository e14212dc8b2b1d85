// Reading a filing: the one parse-then-summarize step every path takes (Slack, the digests, the
// CLI), so what EDGAR's index knows (the accession number, the filed date) is applied the same
// way everywhere. Pure; src/engine/pool.ts runs it in a worker with a time budget.

import type { Filing } from "./model.js";
import { parseFiling } from "./parse/index.js";
import { summarize } from "./summarize.js";
import type { Summary } from "./summary.js";

export interface ReadOptions {
  /** From EDGAR's index; used when the document does not state it (an ownership XML never does). */
  accessionNumber?: string | null;
  /** From EDGAR's index (YYYY-MM-DD); wins over the document's own. */
  filedDate?: string | null;
}

export interface ReadFiling {
  filing: Filing;
  summary: Summary;
}

/** Parse any form of a Form 4 and summarize it. Throws Form4ParseError for unreadable input. */
export function readFiling(input: string | Uint8Array, options: ReadOptions = {}): ReadFiling {
  const parsed = parseFiling(input);
  const filedDate = options.filedDate || parsed.filedDate || null;
  const filing: Filing = {
    ...parsed,
    accessionNumber: parsed.accessionNumber ?? options.accessionNumber ?? null,
    filedDate,
  };
  return { filing, summary: summarize(filing, { filedDate }) };
}
