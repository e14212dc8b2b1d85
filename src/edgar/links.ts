// EDGAR's addresses, both ways, in one place. Pure: no I/O.
// - Building: every path on EDGAR we fetch or link to (a filing's folder, its index page and
//   documents, the filing lists, the ticker map, the current feed, the daily index, a company page).
//   Paths start at the host: the client's wwwUrl()/dataUrl() (or a configured base) go in front.
// - Reading: any EDGAR link a person might paste (or a bare accession number) → what it points
//   at. A link to a host that is not EDGAR means nothing here, so nothing is ever fetched for it.

import type { EdgarConfig } from "../config.js";
import { normalizeAccession } from "../form4/parse/values.js";
import { EdgarError } from "./errors.js";
import type { EdgarLink } from "./types.js";

// ---- Building -------------------------------------------------------------------------------

/** A filing's folder, on the www host: "/Archives/edgar/data/1350102/000135010207000099/". */
export function filingFolderPath(cik: string, accessionNumber: string): string {
  return `/Archives/edgar/data/${Number(cik)}/${accessionNumber.replace(/-/g, "")}/`;
}

/** A filing's index page, the link people open: "…/000135010207000099/0001350102-07-000099-index.htm". */
export function filingIndexPath(cik: string, accessionNumber: string): string {
  return `${filingFolderPath(cik, accessionNumber)}${accessionNumber}-index.htm`;
}

/**
 * File names EDGAR gives documents in a folder: letters, digits, ".", "-", "_". A listing (or a
 * link) naming anything else ("..\\..\\evil.xml", "a?b.xml", "x#y.xml") is never fetched: URL
 * parsing would turn it into another path on EDGAR's host.
 */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function isSafeDocumentName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes("..");
}

/**
 * Document `name` in a filing's folder ("doc4.xml", "index.json", "<accession>.txt"), or
 * EdgarError("badLink") for a name that is no plain file name.
 */
export function filingDocumentPath(cik: string, accessionNumber: string, name: string): string {
  if (!isSafeDocumentName(name)) {
    throw new EdgarError(
      "badLink",
      "EDGAR's folder names a document that is not a plain file name; it was not fetched",
    );
  }
  return filingFolderPath(cik, accessionNumber) + encodeURIComponent(name);
}

/** A file the daily index names ("edgar/data/1770787/0000899243-20-008928.txt"), on the www host. */
export function archivesPath(fileName: string): string {
  return `/Archives/${fileName}`;
}

/** Where EDGAR keeps the form index of `date` (YYYY-MM-DD), on the www host. */
export function dailyIndexPath(date: string): string {
  const [year, month, day] = date.split("-");
  const quarter = Math.floor((Number(month) - 1) / 3) + 1;
  return `/Archives/edgar/daily-index/${year}/QTR${quarter}/form.${year}${month}${day}.idx`;
}

/** A company's filing list (recent filings), on the data host; `cik` 10 digits. */
export function submissionsPath(cik: string): string {
  return `/submissions/CIK${cik}.json`;
}

/** An older page of a company's filing list ("CIK0001350102-submissions-001.json"), on the data host. */
export function olderPagePath(page: { name: string }): string {
  return `/submissions/${page.name}`;
}

/** The SEC's ticker map, on the www host. */
export const TICKER_MAP_PATH = "/files/company_tickers.json";

/** Entries per page of the current feed: the most EDGAR's getcurrent gives at once. */
export const FEED_PAGE_SIZE = 100;

/** One page of the current Form 4 feed (Atom; `start` entries skipped), on the www host. */
export function currentFeedPath(start: number, count = FEED_PAGE_SIZE): string {
  const startPart = start > 0 ? `&start=${start}` : "";
  return `/cgi-bin/browse-edgar?action=getcurrent&type=4&owner=include&count=${count}${startPart}&output=atom`;
}

/** A company's page of Form 4 filings (as issuer and as owner), on the www host. */
export function companyForm4sPath(cik: string): string {
  return `/cgi-bin/browse-edgar?action=getcompany&CIK=${cik}&type=4&owner=include&count=40`;
}

// ---- Reading --------------------------------------------------------------------------------

/** EDGAR's public hosts. Links to them parse even when the client is pointed at a stand-in. */
const SEC_HOSTS = new Set(["sec.gov", "www.sec.gov", "data.sec.gov"]);

const BARE_ACCESSION = /^\d{10}-?\d{2}-?\d{6}$/;
const TICKER = /^[A-Za-z][A-Za-z0-9]{0,9}(?:[.\-/][A-Za-z0-9]{1,4})?$/;

/** "1350102" → "0001350102"; null for anything that is not 1–10 digits. */
export function padCik(raw: string): string | null {
  const s = raw.trim();
  if (!/^\d{1,10}$/.test(s)) return null;
  return s.padStart(10, "0");
}

/** The hosts (host:port) links may name: sec.gov's and the configured ones (a test stand-in). */
function isEdgarHost(url: URL, config: EdgarConfig): boolean {
  if (SEC_HOSTS.has(url.hostname.toLowerCase()) && url.port === "") return true;
  return [config.wwwUrl, config.dataUrl].some((u) => new URL(u).host === url.host);
}

/**
 * Strip what chat adds around a link: Slack's `<https://…|label>` / `<https://…>` wrapping, its
 * `&amp;` escaping, and angle brackets or trailing punctuation from prose.
 */
function unwrap(text: string): string {
  let s = text.trim();
  const slack = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(s);
  if (slack?.[1]) s = slack[1].trim();
  s = s.replace(/&amp;/g, "&");
  return s.replace(/[.,;)]+$/, "");
}

/** Parse as a URL if it looks like one (a scheme, or starting with a sec.gov host name). */
function toUrl(s: string): URL | null {
  let candidate = s;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
    if (!/^(?:www\.|data\.)?sec\.gov(?:[/:?#]|$)/i.test(candidate)) return null;
    candidate = `https://${candidate}`;
  }
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** True when the text is a URL (so a caller can say "not EDGAR" rather than "not a link"). */
export function looksLikeUrl(text: string): boolean {
  return toUrl(unwrap(text)) !== null;
}

/** The host a pasted URL names and whether it is EDGAR's; null when the text is not a URL. */
export function linkHost(
  text: string,
  config: EdgarConfig,
): { host: string; edgar: boolean } | null {
  const url = toUrl(unwrap(text));
  return url ? { host: url.host, edgar: isEdgarHost(url, config) } : null;
}

/** A document named in a filing folder link, as the raw file: renderings map to their XML. */
function documentIn(rest: string, accessionNumber: string): string | null {
  const parts = rest.split("/").filter((p) => p !== "");
  if (parts.length === 0) return null;
  const name = parts[parts.length - 1] ?? "";
  if (parts.length === 2 && /^xsl/i.test(parts[0] ?? "") && /\.xml$/i.test(name)) return name;
  if (parts.length !== 1) return null;
  if (name.toLowerCase() === `${accessionNumber}.txt`) return `${accessionNumber}.txt`;
  if (/^index\.(json|xml|html?)$/i.test(name)) return null;
  if (/-index(-headers)?\.html?$/i.test(name)) return null;
  // A raw XML document; anything else (an exhibit, an 8-K's .htm) says nothing about which
  // document is the Form 4, so the folder decides.
  return /\.xml$/i.test(name) ? name : null;
}

function companyOrTicker(raw: string | null): EdgarLink | null {
  if (!raw) return null;
  const cik = padCik(raw);
  if (cik) return { kind: "company", cik };
  const t = raw.trim();
  return TICKER.test(t) ? { kind: "ticker", ticker: t.toUpperCase() } : null;
}

/** The CIK query parameter, whatever its case (EDGAR accepts CIK=, cik=). */
function cikParam(url: URL): string | null {
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === "cik") return v;
  return null;
}

function fromPath(url: URL): EdgarLink | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, "/");
  } catch {
    return null; // a malformed %-escape
  }

  // /Archives/edgar/data/<cik>/<accession, 18 digits or dashed>[/<rest>]
  let m = /^\/Archives\/edgar\/data\/(\d{1,10})\/(\d{18}|\d{10}-\d{2}-\d{6})(\/.*)?$/i.exec(path);
  if (m) {
    const accessionNumber = normalizeAccession(m[2] ?? "");
    const cik = padCik(m[1] ?? "");
    if (!accessionNumber || !cik) return null;
    return {
      kind: "filing",
      cik,
      accessionNumber,
      document: documentIn(m[3] ?? "", accessionNumber),
    };
  }
  // The old full-submission path without a folder: /Archives/edgar/data/<cik>/<accession>.txt
  m = /^\/Archives\/edgar\/data\/(\d{1,10})\/(\d{10}-\d{2}-\d{6})\.txt$/i.exec(path);
  if (m) {
    const accessionNumber = normalizeAccession(m[2] ?? "");
    const cik = padCik(m[1] ?? "");
    if (!accessionNumber || !cik) return null;
    return { kind: "filing", cik, accessionNumber, document: `${accessionNumber}.txt` };
  }
  // Company pages: "this company's latest".
  const lower = path.toLowerCase().replace(/\/+$/, "");
  const action = url.searchParams.get("action")?.toLowerCase() ?? null;
  if (lower === "/cgi-bin/browse-edgar" && action === "getcompany") {
    return companyOrTicker(cikParam(url));
  }
  if (lower === "/cgi-bin/own-disp" && action === "getissuer") {
    return companyOrTicker(cikParam(url));
  }
  if (lower === "/edgar/browse") return companyOrTicker(cikParam(url));
  m = /^\/submissions\/cik(\d{10})\.json$/.exec(lower);
  if (m?.[1]) return { kind: "company", cik: m[1] };
  return null;
}

/**
 * What a pasted text means on EDGAR, or null when it is not an EDGAR link or accession number we
 * can read (including every link to another host: those are never fetched).
 *
 * Understands: the filing index page (`…-index.htm`/`.html`, `-index-headers.html`), the filing
 * folder (with or without the accession's dashes, trailing slash or not), the rendered page
 * (`xslF345X0N/<doc>.xml` → document `<doc>.xml`), the raw `<doc>.xml`, the full submission
 * `<accession>.txt` (in the folder or the old flat path), company pages
 * (`cgi-bin/browse-edgar?action=getcompany&CIK=`, `edgar/browse/?CIK=`,
 * `cgi-bin/own-disp?action=getissuer&CIK=`, `data.sec.gov/submissions/CIK##########.json`), with
 * http or https, `www.` or not, query strings and fragments; bare accession numbers (dashed or
 * 18 digits); and Slack's `<https://…|label>` wrapping.
 */
export function parseEdgarLink(text: string, config: EdgarConfig): EdgarLink | null {
  const s = unwrap(text);
  if (BARE_ACCESSION.test(s)) {
    const accessionNumber = normalizeAccession(s);
    return accessionNumber ? { kind: "filing", cik: null, accessionNumber, document: null } : null;
  }
  const url = toUrl(s);
  if (!url || !isEdgarHost(url, config)) return null;
  return fromPath(url);
}
