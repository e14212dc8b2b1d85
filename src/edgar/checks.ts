// What each EDGAR answer must look like before it is believed and cached. EDGAR (or something in
// front of it) sometimes answers 200 with an HTML error page, a maintenance page or a cut body;
// such an answer is an EDGAR failure (retried, never cached, never written over a good copy), not
// a document. Pure: the client runs the check on every body it downloads.

import { isFormType } from "../form4/model.js";
import { detectForm } from "../form4/parse/index.js";

/**
 * "cache": a good answer. "doNotCache": a real answer that is not what the caller hoped for (a
 * document of another form): returned, but kept out of the cache so a later ask looks again.
 * A body that is no good at all throws BadBody.
 */
export type BodyVerdict = "cache" | "doNotCache";

/** Called with the downloaded body and the URL it came from. */
export type BodyCheck = (body: string, url: string) => BodyVerdict;

/** EDGAR answered 200 with something that is not what that URL serves. */
export class BadBody extends Error {
  override readonly name = "BadBody";
}

function json(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new BadBody(`${what} is not JSON${looksLikeHtml(body) ? " (an HTML page)" : ""}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function looksLikeHtml(body: string): boolean {
  return /^\s*(<!doctype html|<html)/i.test(body);
}

/** www.sec.gov/files/company_tickers.json: `{ "0": { cik_str, ticker, title }, … }`, not empty. */
export const tickerMapCheck: BodyCheck = (body) => {
  const raw = json(body, "the ticker map");
  if (!isObject(raw)) throw new BadBody("the ticker map is not an object of companies");
  const entries = Object.values(raw);
  const first = entries[0];
  if (entries.length === 0 || !isObject(first) || !("cik_str" in first) || !("ticker" in first)) {
    throw new BadBody("the ticker map lists no companies");
  }
  return "cache";
};

/** data.sec.gov/submissions/CIK##########.json: a company with `filings.recent` columns. */
export const submissionsCheck: BodyCheck = (body) => {
  const raw = json(body, "the filing list");
  const recent = isObject(raw) && isObject(raw.filings) ? raw.filings.recent : undefined;
  if (!isObject(raw) || !("cik" in raw || "name" in raw) || !isObject(recent)) {
    throw new BadBody("the filing list has no filings.recent");
  }
  if (!Array.isArray(recent.accessionNumber) || !Array.isArray(recent.form)) {
    throw new BadBody("the filing list has no accessionNumber and form columns");
  }
  return "cache";
};

/** An older page of a filing list (CIK##########-submissions-NNN.json): the columns at the top. */
export const olderPageCheck: BodyCheck = (body) => {
  const raw = json(body, "the older filing list page");
  if (!isObject(raw) || !Array.isArray(raw.accessionNumber) || !Array.isArray(raw.form)) {
    throw new BadBody("the older filing list page has no accessionNumber and form columns");
  }
  return "cache";
};

/** A folder's (or the daily index's quarter's) index.json: `{ directory: { item: [...] } }`. */
export const directoryCheck: BodyCheck = (body) => {
  const raw = json(body, "the folder list");
  const dir = isObject(raw) ? raw.directory : undefined;
  if (!isObject(dir) || !Array.isArray(dir.item)) {
    throw new BadBody("the folder list has no directory.item");
  }
  return "cache";
};

/** A folder's -index-headers.html: the filing's SEC header (maybe HTML-escaped). */
export const headerPageCheck: BodyCheck = (body) => {
  if (!/(<|&lt;)SEC-HEADER(>|&gt;)|ACCESSION NUMBER:|(<|&lt;)ACCESSION-NUMBER(>|&gt;)/.test(body)) {
    throw new BadBody("the header page has no SEC header");
  }
  return "cache";
};

/** A daily form index (form.YYYYMMDD.idx): the column header and its dashed rule. */
export const dailyIndexCheck: BodyCheck = (body) => {
  if (!/^Form Type\s+Company Name/m.test(body) || !/^-{20,}/m.test(body)) {
    throw new BadBody("the daily index has no Form Type header");
  }
  return "cache";
};

/** EDGAR's getcurrent Atom feed: a whole `<feed>` (an empty one is fine: a quiet minute). */
export const currentFeedCheck: BodyCheck = (body) => {
  if (!/<feed[\s>]/i.test(body) || !/<\/feed>\s*$/i.test(body)) {
    throw new BadBody(
      `the current-filings feed is not a whole Atom feed${looksLikeHtml(body) ? " (an HTML page)" : ""}`,
    );
  }
  return "cache";
};

/** The form a document says it is: an ownership XML's documentType, or a submission's type. */
export function statedForm(body: string): string | null {
  const m =
    /<documentType>\s*([^<\s]+)\s*<\/documentType>/.exec(body) ??
    /CONFORMED SUBMISSION TYPE:\s*(\S+)/.exec(body) ??
    /<TYPE>\s*([^\s<]+)/.exec(body);
  return m?.[1]?.toUpperCase() ?? null;
}

function isForm4(form: string | null): boolean {
  return form !== null && isFormType(form);
}

/**
 * A filing document: what the URL claims, whole. An ownership XML must be complete; a full
 * submission must reach its end; a rendering must be a Form 4's. A complete document of another
 * form (a Form 3 XML, an 8-K submission, an XBRL file) is real but not cached ("doNotCache"); an
 * HTML page where a document was asked for, an empty or a cut body is BadBody.
 */
export const form4DocumentCheck: BodyCheck = (body, url) => {
  const kind = detectForm(body);
  if (kind === "xml") {
    if (!/<\/ownershipDocument>\s*$/.test(body)) {
      throw new BadBody("the ownership document is cut short");
    }
    return isForm4(statedForm(body)) ? "cache" : "doNotCache";
  }
  if (kind === "submission") {
    if (!/(<\/SEC-DOCUMENT>|-----END PRIVACY-ENHANCED MESSAGE-----)\s*$/.test(body)) {
      throw new BadBody("the submission is cut short");
    }
    return isForm4(statedForm(body)) ? "cache" : "doNotCache";
  }
  if (kind === "html") {
    if (!/<\/html>\s*$/i.test(body)) throw new BadBody("the rendered page is cut short");
    return "cache";
  }
  if (kind === "text") return "cache";
  // None of the Form 4 forms. A real document of something else, or an error page?
  if (body.trim() === "") throw new BadBody("the document is empty");
  const path = new URL(url).pathname;
  if (looksLikeHtml(body) && !/\.html?$/i.test(path)) {
    throw new BadBody("an HTML page came back instead of the document");
  }
  if (/^\s*</.test(body) && !/>\s*$/.test(body)) throw new BadBody("the document is cut short");
  return "doNotCache";
};
