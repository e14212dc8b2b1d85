// Any EDGAR link a person might paste (or a bare accession number) → what it points at. Pure: no
// I/O. A link to a host that is not EDGAR means nothing here, so nothing is ever fetched for it.

import type { EdgarConfig } from "../config.js";
import { normalizeAccession } from "../form4/parse/values.js";
import type { EdgarLink } from "./types.js";

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
