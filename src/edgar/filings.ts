// Form4Source over the EDGAR client: ticker → company → its Form 4s as issuer; any pasted link or
// accession → the filing; each filing fetched (cached forever), read and summarized.

import { LRUCache } from "lru-cache";
import { readFilingBounded } from "../engine/pool.js";
import { Form4ParseError } from "../form4/errors.js";
import { type Filing, isFormType } from "../form4/model.js";
import { parseDate } from "../form4/parse/values.js";
import type { Summary } from "../form4/summary.js";
import {
  directoryCheck,
  form4DocumentCheck,
  headerPageCheck,
  olderPageCheck,
  statedForm,
  submissionsCheck,
  tickerMapCheck,
} from "./checks.js";
import {
  type EdgarClient,
  type EdgarResponse,
  FILING_LIST_FRESH_MS,
  FOREVER,
  TICKER_MAP_FRESH_MS,
} from "./client.js";
import { EdgarError } from "./errors.js";
import {
  filingDocumentPath,
  filingIndexPath,
  isSafeDocumentName,
  linkHost,
  olderPagePath,
  padCik,
  parseEdgarLink,
  submissionsPath,
  TICKER_MAP_PATH,
} from "./links.js";
import {
  type OlderPage,
  parseOlderPage,
  parseSubmissions,
  type SubmissionsListing,
} from "./submissions.js";
import { findCompany, parseTickerMap } from "./tickers.js";
import type {
  Company,
  EdgarLink,
  FetchedFiling,
  FilingRef,
  Form4Source,
  SkippedFiling,
} from "./types.js";

export interface Form4SourceOptions {
  /**
   * Listed filings fetched at most, beyond `limit`, to find `limit` where the company is the
   * issuer (a company that is also a reporting owner has others' Form 4s listed under it).
   */
  extraFetches?: number;
  /**
   * Each call's answer within this many ms whatever EDGAR does (cached copies marked stale, or
   * EdgarError("unavailable")): for people waiting (Slack, the CLI). Absent: no deadline
   * (background work: digests, history), which waits out retries and Retry-After.
   */
  deadlineMs?: number;
}

/** The default answer time for people waiting: Slack shows nothing better than an answer in 8 s. */
export const INTERACTIVE_DEADLINE_MS = 8000;

/** One call's deadline (epoch ms by the client's clock), shared by every request it makes. */
interface Ask {
  deadline: number | null;
}

/** Older listing pages change rarely. */
const OLDER_PAGE_FRESH_MS = 24 * 60 * 60 * 1000;
/** Filings fetched at once while looking through a listing. */
const LIST_CONCURRENCY = 5;

type FilingLink = Extract<EdgarLink, { kind: "filing" }>;

/** Where a filing's documents are: the CIK EDGAR files its folder under, and its accession number. */
interface Folder {
  cik: string;
  accessionNumber: string;
}

/** "xslF345X02/doc4.xml" (the rendering EDGAR lists) → "doc4.xml" (the document itself); null if unsafe. */
function rawDocumentName(primaryDocument: string): string | null {
  const name = primaryDocument.split("/").pop() ?? primaryDocument;
  return isSafeDocumentName(name) ? name : null;
}

/** "a Form 3", "an 8-K", "a 10-K", "an S-1". */
function formWithArticle(form: string): string {
  if (/^\d+(\/A)?$/.test(form)) return `a Form ${form}`;
  return /^(8|11|18|[AEFHILMNORSX])/i.test(form) ? `an ${form}` : `a ${form}`;
}

function notForm4(form: string): EdgarError {
  return new EdgarError("notForm4", `that filing is ${formWithArticle(form)}, not a Form 4`);
}

/** Form and filing date from a folder's `-index-headers.html` (the .hdr.sgml, maybe HTML-escaped). */
function readHeaderPage(body: string): { form: string | null; filedDate: string | null } {
  const text = body.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const form =
    /<TYPE>\s*([^\s<]+)/.exec(text)?.[1] ?? /CONFORMED SUBMISSION TYPE:\s*(\S+)/.exec(text)?.[1];
  const filed =
    /<FILING-DATE>\s*(\d{8})/.exec(text)?.[1] ?? /FILED AS OF DATE:\s*(\d{8})/.exec(text)?.[1];
  return { form: form?.toUpperCase() ?? null, filedDate: parseDate(filed ?? null) };
}

/** XML files in a folder that may be the ownership document (not XBRL, not EDGAR's own files). */
function ownershipCandidates(items: string[]): string[] {
  const xml = items.filter(
    (n) =>
      /\.xml$/i.test(n) &&
      isSafeDocumentName(n) &&
      !/^(FilingSummary|MetaLinks|index)\.xml$/i.test(n) &&
      !/_(cal|def|lab|pre|htm)\.xml$/i.test(n),
  );
  // Names filing software gives Form 4s first.
  const likely = (n: string) => (/doc4|form4|primary_doc|edgardoc|ownership/i.test(n) ? 0 : 1);
  return xml.sort((a, b) => likely(a) - likely(b));
}

/** Is the company (10-digit CIK) the filing's issuer? By CIK; by ticker when the CIK is absent. */
function issuerIs(filing: Filing, company: { cik: string; ticker: string }): boolean {
  const cik = filing.issuer.cik ? padCik(filing.issuer.cik) : null;
  if (cik) return cik === company.cik;
  return (
    filing.issuer.ticker !== null &&
    company.ticker !== "" &&
    filing.issuer.ticker.toUpperCase() === company.ticker.toUpperCase()
  );
}

class EdgarForm4Source implements Form4Source {
  private readonly client: EdgarClient;
  private readonly extraFetches: number;
  /** The last ticker map read, so a day's lookups read and parse the 700 KB map once. */
  private tickerMemo: { fetchedAt: number; map: ReturnType<typeof parseTickerMap> } | null = null;
  /** Documents read lately, by URL and ref; the least recently used is dropped first. */
  private readonly readMemo = new LRUCache<string, ReadDocument>({ max: READ_MEMO_ENTRIES });
  /** Companies' filing lists read lately, parsed, by CIK: a minute's lookups parse one once. */
  private readonly listingMemo = new LRUCache<
    string,
    { fetchedAt: number; listing: SubmissionsListing }
  >({ max: LISTING_MEMO_ENTRIES });
  private readonly deadlineMs: number | null;

  constructor(client: EdgarClient, options: Form4SourceOptions) {
    this.client = client;
    this.extraFetches = options.extraFetches ?? 20;
    this.deadlineMs = options.deadlineMs ?? null;
  }

  /** A new call's deadline. */
  private ask(): Ask {
    return { deadline: this.deadlineMs === null ? null : this.client.nowMs() + this.deadlineMs };
  }

  async company(ticker: string): Promise<Company> {
    return this.companyFor(ticker, this.ask());
  }

  private async companyFor(ticker: string, ask: Ask): Promise<Company> {
    // A fresh memo answers without the cache: reading the 700 KB map back from the store (and
    // keyv's JSON decoding of it) cost about 1.4 ms of every warm /form4 (see bench/).
    const memo = this.tickerMemo;
    if (memo && this.client.isFresh(memo.fetchedAt, TICKER_MAP_FRESH_MS)) {
      return findCompany(memo.map, ticker);
    }
    const res = await this.client.get(this.client.wwwUrl(TICKER_MAP_PATH), TICKER_MAP_FRESH_MS, {
      check: tickerMapCheck,
      deadline: ask.deadline,
    });
    if (this.tickerMemo?.fetchedAt !== res.fetchedAt) {
      this.tickerMemo = { fetchedAt: res.fetchedAt, map: parseTickerMap(res.body) };
    }
    return findCompany(this.tickerMemo.map, ticker);
  }

  async latestForTicker(
    ticker: string,
    limit: number,
  ): Promise<{ company: Company; filings: FetchedFiling[]; skipped: SkippedFiling[] }> {
    const ask = this.ask();
    const company = await this.companyFor(ticker, ask);
    return this.latest(company.cik, limit, ask, company);
  }

  async listFiled(cik: string, since: string): Promise<FilingRef[]> {
    const padded = this.cik(cik);
    return (await this.filedSince(padded, since, this.ask())).listed;
  }

  /** The listing's Form 4 / 4/A refs filed on or after `since`, newest first, older pages walked. */
  private async filedSince(
    padded: string,
    since: string,
    ask: Ask,
  ): Promise<{ listing: SubmissionsListing; listed: FilingRef[] }> {
    const { listing } = await this.listing(padded, ask);
    const listed: FilingRef[] = [];
    let refs = listing.refs;
    const pages = [...listing.olderPages];
    for (;;) {
      const recent = refs.filter((r) => r.filedDate >= since);
      listed.push(...recent);
      if (recent.length < refs.length) break; // the list reached filings before `since`
      const page = pages.shift();
      if (!page || (page.filingTo !== null && page.filingTo < since)) break;
      refs = (await this.olderPage(padded, page, ask)).refs;
    }
    return { listing, listed };
  }

  async listSince(cik: string, since: string): Promise<FilingRef[]> {
    const ask = this.ask();
    const padded = this.cik(cik);
    const { listing, listed } = await this.filedSince(padded, since, ask);
    const company = { cik: padded, ticker: listing.tickers[0] ?? "" };
    // Only those where the company is the issuer: each is fetched (and so cached for the caller's
    // fetch). A filing that cannot be read is kept, so the caller's fetch reports it.
    const kept: FilingRef[] = [];
    for (let i = 0; i < listed.length; i += LIST_CONCURRENCY) {
      const batch = listed.slice(i, i + LIST_CONCURRENCY);
      const results = await Promise.allSettled(batch.map((ref) => this.fetchRef(ref, ask)));
      results.forEach((result, k) => {
        const ref = batch[k] as FilingRef;
        if (result.status === "fulfilled") {
          if (issuerIs(result.value.filing, company)) kept.push(ref);
        } else if (result.reason instanceof Form4ParseError) {
          kept.push(ref);
        } else if (!(result.reason instanceof EdgarError && result.reason.kind === "notForm4")) {
          throw result.reason;
        }
      });
    }
    return kept;
  }

  async fetch(ref: FilingRef): Promise<FetchedFiling> {
    return this.fetchRef(ref, this.ask());
  }

  private async fetchRef(ref: FilingRef, ask: Ask): Promise<FetchedFiling> {
    const folder: Folder = { cik: ref.cik, accessionNumber: ref.accessionNumber };
    const named = ref.primaryDocument ? rawDocumentName(ref.primaryDocument) : null;
    if (named) {
      try {
        return await this.fetchDocument(ref, folder, named, ask);
      } catch (error) {
        // The listing named a document the folder does not have: let the folder say.
        if (!(error instanceof EdgarError && error.kind === "notFound")) throw error;
      }
    }
    return this.fetchFolder(
      { kind: "filing", cik: ref.cik, accessionNumber: ref.accessionNumber, document: null },
      ref,
      ask,
    );
  }

  async resolve(linkOrAccession: string, limit = 1): Promise<FetchedFiling[]> {
    const link = parseEdgarLink(linkOrAccession, this.client.config);
    if (!link) {
      const host = linkHost(linkOrAccession, this.client.config);
      if (host && !host.edgar) {
        throw new EdgarError(
          "forbiddenHost",
          `${host.host} is not EDGAR: only sec.gov links are looked up, and nothing was fetched`,
        );
      }
      throw new EdgarError(
        "badLink",
        host
          ? "that EDGAR link is not a filing or a company page this app can read"
          : "that is not an EDGAR link or an accession number (like 0001350102-07-000099)",
      );
    }
    if (link.kind === "filing") return [await this.fetchFolder(link, null, this.ask())];
    if (link.kind === "ticker") return (await this.latestForTicker(link.ticker, limit)).filings;
    return (await this.latest(link.cik, limit, this.ask())).filings;
  }

  private cik(raw: string): string {
    const cik = padCik(raw);
    if (!cik) throw new EdgarError("badLink", `"${raw}" is not a CIK (up to 10 digits)`);
    return cik;
  }

  private async listing(
    cik: string,
    ask: Ask,
  ): Promise<{ listing: SubmissionsListing; stale: boolean }> {
    const memo = this.listingMemo.get(cik);
    if (memo && this.client.isFresh(memo.fetchedAt, FILING_LIST_FRESH_MS)) {
      return { listing: memo.listing, stale: false };
    }
    let res: EdgarResponse;
    try {
      res = await this.client.get(this.client.dataUrl(submissionsPath(cik)), FILING_LIST_FRESH_MS, {
        check: submissionsCheck,
        deadline: ask.deadline,
      });
    } catch (error) {
      if (error instanceof EdgarError && error.kind === "notFound") {
        throw new EdgarError("notFound", `EDGAR has no company with CIK ${cik}`, { cause: error });
      }
      throw error;
    }
    if (memo?.fetchedAt === res.fetchedAt) return { listing: memo.listing, stale: res.stale };
    const listing = parseSubmissions(res.body, cik);
    if (!res.stale) {
      this.listingMemo.set(cik, { fetchedAt: res.fetchedAt, listing });
    }
    return { listing, stale: res.stale };
  }

  private async olderPage(
    cik: string,
    page: OlderPage,
    ask: Ask,
  ): Promise<{ refs: FilingRef[]; stale: boolean }> {
    const res = await this.client.get(
      this.client.dataUrl(olderPagePath(page)),
      OLDER_PAGE_FRESH_MS,
      { check: olderPageCheck, deadline: ask.deadline },
    );
    return { refs: parseOlderPage(res.body, cik, page), stale: res.stale };
  }

  /**
   * The latest `limit` Form 4s where `cik` is the issuer, newest first. Walks the listing (and its
   * older pages) fetching a few at a time; skips filings of other issuers; stops after
   * limit + extraFetches fetches so a company that is mostly a reporting owner stays bounded.
   */
  private async latest(
    rawCik: string,
    limit: number,
    ask: Ask,
    known?: Company,
  ): Promise<{ company: Company; filings: FetchedFiling[]; skipped: SkippedFiling[] }> {
    const cik = this.cik(rawCik);
    limit = Math.max(1, Math.floor(limit) || 1);
    const first = await this.listing(cik, ask);
    const company = known ?? {
      cik,
      name: first.listing.name,
      ticker: first.listing.tickers[0] ?? "",
    };
    const refs = [...first.listing.refs];
    const pages = [...first.listing.olderPages];
    let stale = first.stale;
    const found: FetchedFiling[] = [];
    const skipped: SkippedFiling[] = [];
    const budget = limit + this.extraFetches;
    let fetched = 0;
    let next = 0;
    while (found.length < limit && fetched < budget) {
      if (next >= refs.length) {
        const page = pages.shift();
        if (!page) break;
        const older = await this.olderPage(cik, page, ask);
        stale ||= older.stale;
        refs.push(...older.refs);
        continue;
      }
      const batch = refs.slice(
        next,
        next + Math.min(limit - found.length, budget - fetched, LIST_CONCURRENCY),
      );
      next += batch.length;
      fetched += batch.length;
      const results = await Promise.allSettled(batch.map((ref) => this.fetchRef(ref, ask)));
      results.forEach((result, k) => {
        const ref = batch[k] as FilingRef;
        if (result.status === "fulfilled") {
          if (issuerIs(result.value.filing, company)) {
            found.push(stale ? { ...result.value, stale: true } : result.value);
          }
        } else if (
          result.reason instanceof Form4ParseError ||
          (result.reason instanceof EdgarError && result.reason.kind === "notForm4")
        ) {
          skipped.push({ ref, reason: result.reason.message });
        } else {
          throw result.reason;
        }
      });
    }
    if (found.length === 0) {
      const who = company.ticker
        ? `${company.name} (${company.ticker})`
        : company.name || `CIK ${cik}`;
      const unreadable = skipped.length > 0 ? `; ${skipped.length} could not be read` : "";
      throw new EdgarError(
        "noFilings",
        fetched === 0
          ? `${who} has no Form 4 filings on EDGAR`
          : `${who} is not the issuer of any of the ${fetched} latest Form 4 filings listed under it${unreadable}`,
      );
    }
    return { company, filings: found, skipped };
  }

  /**
   * A filing found through its folder: index.json says what is there; the header page says the
   * form and the filing date; the ownership XML (or the full submission .txt) is the document.
   * `known` is the listing's ref when there is one.
   */
  private async fetchFolder(
    link: FilingLink,
    known: FilingRef | null,
    ask: Ask,
  ): Promise<FetchedFiling> {
    const accession = link.accessionNumber;
    // Without a CIK, the filer named in the accession number; EDGAR files the filing under it
    // when the filer is the issuer or an owner (not when it is a filing agent).
    const cik = link.cik ?? accession.slice(0, 10);
    const folder: Folder = { cik, accessionNumber: accession };
    let items: string[];
    try {
      const res = await this.client.get(
        this.client.wwwUrl(filingDocumentPath(cik, accession, "index.json")),
        FOREVER,
        {
          check: directoryCheck,
          deadline: ask.deadline,
        },
      );
      items = this.folderItems(res.body, accession);
    } catch (error) {
      if (error instanceof EdgarError && error.kind === "notFound") {
        throw new EdgarError(
          "notFound",
          link.cik
            ? `EDGAR has no filing ${accession} under CIK ${cik}`
            : `EDGAR has no filing ${accession} filed under CIK ${cik} (the filer its number names); paste the full EDGAR link to the filing instead`,
          { cause: error },
        );
      }
      throw error;
    }

    const headerName = `${accession}-index-headers.html`;
    let header: { form: string | null; filedDate: string | null } = { form: null, filedDate: null };
    if (items.includes(headerName)) {
      try {
        const res = await this.client.get(
          this.client.wwwUrl(filingDocumentPath(cik, accession, headerName)),
          FOREVER,
          {
            check: headerPageCheck,
            deadline: ask.deadline,
          },
        );
        header = readHeaderPage(res.body);
      } catch (error) {
        // Without it the document itself still says its form; only the filing date is lost.
        if (!(error instanceof EdgarError && error.kind === "notFound")) throw error;
      }
    }
    if (header.form && !isFormType(header.form)) throw notForm4(header.form);

    const txt = `${accession}.txt`;
    let documents: string[];
    if (link.document) {
      if (!isSafeDocumentName(link.document)) {
        throw new EdgarError("badLink", "that link names a document that is not a plain file name");
      }
      if (!items.includes(link.document) && link.document !== txt) {
        throw new EdgarError("notFound", `EDGAR's folder for ${accession} has no ${link.document}`);
      }
      documents = [link.document];
    } else {
      documents = ownershipCandidates(items).slice(0, 3);
      if (items.includes(txt)) documents.push(txt);
    }
    if (documents.length === 0) {
      throw new EdgarError(
        "notForm4",
        header.form
          ? `that filing is ${formWithArticle(header.form)}, not a Form 4`
          : "that filing is not a Form 4 (its folder has no ownership document)",
      );
    }
    const ref: FilingRef = {
      accessionNumber: accession,
      cik: known?.cik ?? padCik(cik) ?? cik,
      form: header.form && isFormType(header.form) ? header.form : (known?.form ?? "4"),
      filedDate: known?.filedDate || header.filedDate || "",
      primaryDocument: null,
    };
    // The first document that is an ownership document or a submission.
    for (const [i, name] of documents.entries()) {
      try {
        return await this.fetchDocument({ ...ref, primaryDocument: name }, folder, name, ask);
      } catch (error) {
        const last = i === documents.length - 1;
        if (last || !(error instanceof EdgarError && error.kind === "notForm4")) throw error;
      }
    }
    throw new EdgarError("notForm4", "that filing is not a Form 4");
  }

  private folderItems(body: string, accession: string): string[] {
    try {
      const doc = JSON.parse(body) as { directory?: { item?: { name?: unknown }[] } };
      const items = doc.directory?.item ?? [];
      return items.map((i) => i.name).filter((n): n is string => typeof n === "string");
    } catch (error) {
      throw new EdgarError(
        "unavailable",
        `EDGAR's folder list for ${accession} could not be read`,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * A document's filing and summary. A warm lookup asks for the same documents again and again
   * (each /form4 reads its listed filings anew): reading them once per body saves most of its CPU
   * (bench/). The objects are shared between callers, who only read them.
   */
  private async read(res: EdgarResponse, ref: FilingRef): Promise<Omit<ReadDocument, "fetchedAt">> {
    const key = `${res.url} ${ref.accessionNumber} ${ref.filedDate}`;
    const known = this.readMemo.get(key);
    if (known && known.fetchedAt === res.fetchedAt) return known;
    // An ownership XML does not state its accession number or filing date; EDGAR's folder does.
    const { filing, summary } = await readFilingBounded(res.body, {
      accessionNumber: ref.accessionNumber,
      filedDate: ref.filedDate || null,
    });
    const filedDate = filing.filedDate ?? "";
    const entry = { fetchedAt: res.fetchedAt, filing, summary, filedDate };
    this.readMemo.set(key, entry);
    return entry;
  }

  /** One document: fetched (cached forever), checked to be a Form 4, read, summarized. */
  private async fetchDocument(
    ref: FilingRef,
    folder: Folder,
    name: string,
    ask: Ask,
  ): Promise<FetchedFiling> {
    const res = await this.client.get(
      this.client.wwwUrl(filingDocumentPath(folder.cik, folder.accessionNumber, name)),
      FOREVER,
      {
        check: form4DocumentCheck,
        deadline: ask.deadline,
      },
    );
    const form = statedForm(res.body);
    if (form && !isFormType(form)) throw notForm4(form);
    if (!form && !/<ownershipDocument/i.test(res.body)) {
      throw new EdgarError("notForm4", `that filing's ${name} is not a Form 4 document`);
    }
    const { filing, summary, filedDate } = await this.read(res, ref);
    const issuerCik = filing.issuer.cik ? padCik(filing.issuer.cik) : null;
    return {
      ref: { ...ref, cik: issuerCik ?? ref.cik, form: filing.formType, filedDate },
      filing,
      summary,
      url: this.client.wwwUrl(filingIndexPath(folder.cik, folder.accessionNumber)),
      stale: res.stale,
    };
  }
}

/** One document read: the same body (fetchedAt) and ref give the same filing and summary. */
interface ReadDocument {
  fetchedAt: number;
  filing: Filing;
  summary: Summary;
  filedDate: string;
}

/** Documents read lately, kept for warm lookups (a Form 4 is ~10 KB; its reading a few times that). */
const READ_MEMO_ENTRIES = 100;
/** Filing lists kept parsed (a company's is ~100 KB to a few MB of JSON, its parse much less). */
const LISTING_MEMO_ENTRIES = 64;

/** The Form4Source the CLI, the Slack app and the digest use. One client (one limiter) per process. */
export function createForm4Source(
  client: EdgarClient,
  options: Form4SourceOptions = {},
): Form4Source {
  return new EdgarForm4Source(client, options);
}
