// A Form4Source double for the digest's clock-driven tests: filings appear in the listing at a
// chosen instant of the test clock, with real summaries (real fixtures through parseFiling and
// summarize) relabelled to the test's company and accession. It counts what it is asked.
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { EdgarError } from "../../src/edgar/errors.js";
import type { Company, FetchedFiling, FilingRef, Form4Source } from "../../src/edgar/types.js";
import { Form4ParseError } from "../../src/form4/errors.js";
import type { Filing, FormType } from "../../src/form4/model.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import type { Summary } from "../../src/form4/summary.js";
import { readForm4Fixture } from "../fixtures.js";

const summaries = new Map<string, Summary>();
let placeholder: Filing | null = null;

/** The digest reads only the summary; FetchedFiling.filing is a real parsed filing all the same. */
function placeholderFiling(): Filing {
  placeholder ??= parseFiling(readForm4Fixture("msft-hogan-2024-03-11.xml"));
  return placeholder;
}

/** The summary of a fixture in FORM4_DIR (parsed once). */
export function fixtureSummary(name: string): Summary {
  let s = summaries.get(name);
  if (!s) {
    s = summarize(parseFiling(readForm4Fixture(name)));
    summaries.set(name, s);
  }
  return s;
}

export interface ScriptedFiling {
  ref: FilingRef;
  /** When it shows up in EDGAR's listing (test clock, epoch ms). */
  visibleAt: number;
  summary: Summary | null;
  url: string;
}

export class ScriptedEdgar implements Form4Source {
  readonly companies = new Map<string, Company>();
  readonly filings: ScriptedFiling[] = [];
  /** CIKs whose listing fails (EDGAR "unavailable") while in this set. */
  readonly failing = new Set<string>();
  readonly fetched: string[] = [];
  listings = 0;

  constructor(private readonly clock: () => number) {}

  addCompany(ticker: string, cik: string, name: string): Company {
    const company = { ticker, cik, name };
    this.companies.set(ticker, company);
    return company;
  }

  /** A filing of `company` filed on `filedDate`, visible from `visibleAt`, with a fixture's trades. */
  file(options: {
    company: Company;
    accession: string;
    filedDate: string;
    visibleAt: number;
    fixture?: string;
    form?: FormType;
    /** Another issuer's filing listed under this company's CIK (it was a filer). */
    issuer?: Company;
    unreadable?: boolean;
  }): ScriptedFiling {
    const issuer = options.issuer ?? options.company;
    const base = fixtureSummary(options.fixture ?? "msft-hogan-2024-03-11.xml");
    const summary: Summary | null = options.unreadable
      ? null
      : {
          ...base,
          formType: options.form ?? "4",
          accessionNumber: options.accession,
          issuer: { cik: issuer.cik, name: issuer.name, ticker: issuer.ticker },
        };
    const filing: ScriptedFiling = {
      ref: {
        accessionNumber: options.accession,
        cik: options.company.cik,
        form: options.form ?? "4",
        filedDate: options.filedDate,
        primaryDocument: null,
      },
      visibleAt: options.visibleAt,
      summary,
      url: `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/${Number(options.company.cik)}/${options.accession.replace(/-/g, "")}/${options.accession}-index.htm`,
    };
    this.filings.push(filing);
    return filing;
  }

  async company(ticker: string): Promise<Company> {
    const c = this.companies.get(ticker.toUpperCase().replace(/\./g, "-"));
    if (!c) throw new EdgarError("unknownTicker", `No company with ticker ${ticker} on EDGAR`);
    return c;
  }

  async listSince(cik: string, since: string): Promise<FilingRef[]> {
    this.listings++;
    if (this.failing.has(cik)) {
      throw new EdgarError("unavailable", "EDGAR did not answer after 4 tries (HTTP 503)");
    }
    return this.filings
      .filter((f) => f.ref.cik === cik && f.ref.filedDate >= since && f.visibleAt <= this.clock())
      .map((f) => f.ref)
      .reverse();
  }

  /** As listed (the digest only asks listSince; the history's listing is the same list). */
  async listFiled(cik: string, since: string): Promise<FilingRef[]> {
    return this.listSince(cik, since);
  }

  async fetch(ref: FilingRef): Promise<FetchedFiling> {
    this.fetched.push(ref.accessionNumber);
    const f = this.filings.find((x) => x.ref.accessionNumber === ref.accessionNumber);
    if (!f) throw new EdgarError("notFound", `EDGAR has no filing ${ref.accessionNumber}`);
    if (!f.summary)
      throw new Form4ParseError("The ownershipDocument ends in the middle of Table I");
    return { ref, filing: placeholderFiling(), summary: f.summary, url: f.url, stale: false };
  }

  async latestForTicker(): Promise<never> {
    throw new Error("not used by the digest");
  }

  async resolve(): Promise<never> {
    throw new Error("not used by the digest");
  }
}

/** "2020-11-23 18:00" New York time (EST, UTC-5, in late November) → epoch ms. */
export function nyTime(local: string): number {
  return Date.parse(`${local.replace(" ", "T")}:00-05:00`);
}
