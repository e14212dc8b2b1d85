// Fetched filings as Slack messages: one filing is the compact card (render/card.ts), several are
// the one-line-each list (render/filing-list.ts); unfurls are the card without the EDGAR button.
import type { types } from "@slack/bolt";
import type { FetchedFiling } from "../edgar/types.js";
import { type FilingKey, filingCard, filingCardUnfurl } from "../render/card.js";
import { filingListMessage } from "../render/filing-list.js";
import type { Reply } from "./replies.js";

type KnownBlock = types.KnownBlock;

/** Where a fetched filing is on EDGAR, for its Details button to fetch it again (cached). */
export function filingKey(filing: FetchedFiling): FilingKey {
  return {
    cik: filing.ref.cik,
    accessionNumber: filing.ref.accessionNumber,
    primaryDocument: filing.ref.primaryDocument,
  };
}

/** One filing: the compact card with Details and View on EDGAR. */
export function cardReply(filing: FetchedFiling): Reply {
  return filingCard(filing.summary, {
    url: filing.url,
    stale: filing.stale,
    key: filingKey(filing),
  });
}

/** Blocks for chat.unfurl: the card, without View on EDGAR (the link is right above). */
export function unfurlBlocks(filing: FetchedFiling): KnownBlock[] {
  return filingCardUnfurl(filing.summary, { stale: filing.stale, key: filingKey(filing) });
}

/** Several filings (a ticker's latest): one message, one line each, value first. */
export function listReply(
  ticker: string,
  company: string | null,
  filings: readonly FetchedFiling[],
  notes: readonly string[] = [],
): Reply {
  return filingListMessage({
    ticker,
    company,
    notes,
    filings: filings.map((f) => ({
      summary: f.summary,
      url: f.url,
      key: filingKey(f),
      stale: f.stale,
    })),
  });
}
