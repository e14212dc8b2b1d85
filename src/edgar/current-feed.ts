// EDGAR's live feed of Form 4s, the getcurrent Atom feed: the latest filings, newest first, each
// listed twice (once for the issuer, once for each reporting owner). `parseCurrentFeed` is pure;
// `readCurrentFeed` reads pages through the EDGAR client (its limiter, User-Agent and retries)
// until it reaches filings it has already seen, so a busy minute loses nothing.

import { getElementsByTagName, textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import { type FormType, isFormType } from "../form4/model.js";
import { normalizeAccession, parseDate } from "../form4/parse/values.js";
import { currentFeedCheck } from "./checks.js";
import type { EdgarClient, GetOptions } from "./client.js";
import { EdgarError } from "./errors.js";
import { currentFeedPath, FEED_PAGE_SIZE, padCik } from "./links.js";
import type { FilingRef } from "./types.js";

/** Pages read in one poll at most (500 filings): beyond that a poll stops and says so. */
export const MAX_FEED_PAGES = 10;

export interface FeedParty {
  /** 10 digits, zero-padded. */
  cik: string;
  name: string;
}

/** One filing on the feed, its Issuer and Reporting entries merged. */
export interface FeedFiling {
  accessionNumber: string;
  form: FormType;
  /** null when the Issuer entry was not on the pages read (it sits on the next page). */
  issuer: FeedParty | null;
  owners: FeedParty[];
  /** YYYY-MM-DD as the feed says ("Filed:"). */
  filedDate: string;
  /** The entry's `updated` (EDGAR's acceptance time), ISO with offset; "" when absent. */
  acceptedAt: string;
  /** The filing's index page on EDGAR, as the feed links it. */
  url: string;
}

export interface FeedPage {
  /** Filings in feed order (newest first), each once. */
  filings: FeedFiling[];
  /** Entries on the page (an Issuer/Reporting pair counts twice): a full page has more after it. */
  entries: number;
}

/**
 * How the feed is asked for: the whole Atom feed or an EDGAR failure (retried, never cached); and
 * ahead of background work at the limiter, since an alert is news only while it is new.
 */
export const FEED_GET: GetOptions = { check: currentFeedCheck, priority: "interactive" };

const TITLE = /^\s*(\S+)\s+-\s+(.*)\s+\((\d{1,10})\)\s+\((Issuer|Reporting|Filer|Subject)\)\s*$/i;

function child(entry: ReturnType<typeof getElementsByTagName>[number], name: string) {
  return getElementsByTagName(name, entry.children, true, 1)[0];
}

/** A feed page → its Form 4 / 4/A filings. EdgarError("unavailable") when it is not the feed. */
export function parseCurrentFeed(body: string): FeedPage {
  if (!/<feed[\s>]/i.test(body)) {
    throw new EdgarError("unavailable", "EDGAR's current-filings feed could not be read");
  }
  const doc = parseDocument(body, { xmlMode: true, decodeEntities: true });
  const entries = getElementsByTagName("entry", doc, true);
  const byAccession = new Map<string, FeedFiling>();
  for (const entry of entries) {
    const titleNode = child(entry, "title");
    const title = titleNode ? textContent(titleNode) : "";
    const m = TITLE.exec(title);
    const category = child(entry, "category");
    const form = (category?.attribs.term ?? m?.[1] ?? "").trim().toUpperCase();
    if (!isFormType(form)) continue;
    const idNode = child(entry, "id");
    const summaryNode = child(entry, "summary");
    const summary = summaryNode ? textContent(summaryNode) : "";
    const accessionText =
      /accession-number=([\d-]+)/.exec(idNode ? textContent(idNode) : "")?.[1] ??
      /AccNo:\S*\s*([\d-]{18,20})/.exec(summary.replace(/<[^>]*>/g, " "))?.[1] ??
      "";
    const accessionNumber = normalizeAccession(accessionText);
    if (!accessionNumber) continue;
    const link = child(entry, "link");
    const href = link?.attribs.href ?? "";
    const filed = /Filed:\S*\s*(\d{4}-\d{2}-\d{2})/.exec(summary.replace(/<[^>]*>/g, " "))?.[1];
    const updatedNode = child(entry, "updated");
    const acceptedAt = updatedNode ? textContent(updatedNode).trim() : "";
    let filing = byAccession.get(accessionNumber);
    if (!filing) {
      filing = {
        accessionNumber,
        form,
        issuer: null,
        owners: [],
        filedDate: parseDate(filed ?? acceptedAt.slice(0, 10)) ?? "",
        acceptedAt,
        url: href,
      };
      byAccession.set(accessionNumber, filing);
    }
    const cik = m ? padCik(m[3] ?? "") : null;
    if (!m || !cik) continue;
    const party = { cik, name: (m[2] ?? "").trim() };
    if (m[4]?.toLowerCase() === "issuer") {
      filing.issuer = party;
      // The issuer's folder link is the one people expect.
      if (href) filing.url = href;
    } else if (!filing.owners.some((o) => o.cik === cik)) {
      filing.owners.push(party);
    }
  }
  return { filings: [...byAccession.values()], entries: entries.length };
}

/** The ref to read a feed filing by: its full submission .txt, one request for the whole filing. */
export function feedFilingRef(filing: FeedFiling): FilingRef {
  const cik = filing.issuer?.cik ?? filing.owners[0]?.cik ?? filing.accessionNumber.slice(0, 10);
  return {
    accessionNumber: filing.accessionNumber,
    cik,
    form: filing.form,
    filedDate: filing.filedDate,
    primaryDocument: `${filing.accessionNumber}.txt`,
  };
}

export interface FeedRead {
  /** Filings not in `seen`, oldest first (the order they should be posted in). */
  fresh: FeedFiling[];
  /** Every filing on the pages read, newest first. */
  listed: FeedFiling[];
  pages: number;
  /** true when MAX_FEED_PAGES were read and none reached a filing already seen. */
  truncated: boolean;
  /** true when EDGAR failed and the client answered from its cache (nothing new can be in it). */
  stale: boolean;
}

/**
 * Reads the feed from its first page, going on to the next (`start=`) while a whole page is new
 * (not one of its filings is in `seen`) and full. `seen` null: the first read ever, one page.
 */
export async function readCurrentFeed(
  client: EdgarClient,
  seen: ((accession: string) => boolean) | null,
  maxPages = MAX_FEED_PAGES,
): Promise<FeedRead> {
  const listed: FeedFiling[] = [];
  let pages = 0;
  let stale = false;
  let truncated = false;
  for (let start = 0; ; start += FEED_PAGE_SIZE) {
    // Never from the cache while EDGAR answers: the feed changes every few seconds.
    const res = await client.get(client.wwwUrl(currentFeedPath(start)), 0, FEED_GET);
    pages += 1;
    stale ||= res.stale;
    const page = parseCurrentFeed(res.body);
    let reachedSeen = false;
    for (const f of page.filings) {
      if (seen?.(f.accessionNumber)) reachedSeen = true;
      const already = listed.find((l) => l.accessionNumber === f.accessionNumber);
      if (already) {
        // The pair was split across two pages: merge the parties.
        already.issuer ??= f.issuer;
        for (const o of f.owners)
          if (!already.owners.some((x) => x.cik === o.cik)) already.owners.push(o);
        continue;
      }
      listed.push(f);
    }
    if (seen === null || reachedSeen || res.stale || page.entries < FEED_PAGE_SIZE) break;
    if (pages >= maxPages) {
      truncated = true;
      break;
    }
  }
  const fresh = seen === null ? [] : listed.filter((f) => !seen(f.accessionNumber)).reverse();
  return { fresh, listed, pages, truncated, stale };
}
