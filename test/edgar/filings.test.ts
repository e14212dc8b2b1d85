// The Form4Source over the real client, against the EDGAR stand-in.
import Keyv from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EdgarError } from "../../src/edgar/errors.js";
import { createRequestLimiter } from "../../src/edgar/limiter.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import type { Form4Source } from "../../src/edgar/types.js";
import { ASTI, CROSS_LISTED, type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

let edgar: EdgarStandIn;
const TEST_CO = { cik: 999, ticker: "TSTCO", title: "Test Company Inc." };

beforeAll(async () => {
  edgar = await startEdgarStandIn({ tickers: [TEST_CO] });
});
afterAll(() => edgar.close());
afterEach(() => edgar.clearFaults());

function source(options: { now?: () => number } = {}): Form4Source {
  return createEdgarStack({
    config: edgar.config,
    cache: new Keyv(),
    backoffMs: 20,
    retries: 1,
    limiter: createRequestLimiter({ limit: 1000, intervalMs: 1000 }),
    ...options,
  }).source;
}

/** Paths requested while `fn` ran. */
async function requestsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const before = edgar.requests.length;
  await fn();
  return edgar.requests.slice(before).map((r) => r.path);
}

async function failure(promise: Promise<unknown>): Promise<EdgarError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EdgarError) return error;
    throw error;
  }
  throw new Error("expected an EdgarError");
}

const SEED_INDEX_PAGE = () => `${edgar.url}${ASTI.folder}${ASTI.accessionNumber}-index.htm`;

describe("company(ticker)", () => {
  it("finds a company case-insensitively, with class suffixes written either way", async () => {
    const s = source();
    for (const t of ["ASTI", "asti", " $Asti "]) {
      expect(await s.company(t)).toEqual({
        cik: "0001350102",
        name: "Ascent Solar Technologies, Inc.",
        ticker: "ASTI",
      });
    }
    for (const t of ["BRK.B", "brk-b", "BRK/B"]) {
      expect(await s.company(t)).toMatchObject({ cik: "0001067983", ticker: "BRK-B" });
    }
    expect(await s.company("brk.a")).toMatchObject({ cik: "0001067983", ticker: "BRK-A" });
  });

  it("an unknown ticker is said plainly", async () => {
    const error = await failure(source().company("zzzzq"));
    expect(error.kind).toBe("unknownTicker");
    expect(error.message).toBe('no company with ticker "zzzzq" on EDGAR');
  });

  it("reads the ticker map once a day, not per lookup", async () => {
    const s = source();
    await s.company("ASTI");
    const paths = await requestsDuring(() => s.company("BRK.B"));
    expect(paths).toEqual([]);
  });
});

describe("latestForTicker", () => {
  it("ASTI: the seed filing, read and summarized, with its EDGAR index page", async () => {
    const s = source();
    let result: Awaited<ReturnType<Form4Source["latestForTicker"]>> | undefined;
    const paths = await requestsDuring(async () => {
      result = await s.latestForTicker("ASTI", 1);
    });
    expect(paths).toEqual([
      "/files/company_tickers.json",
      "/submissions/CIK0001350102.json",
      `${ASTI.folder}doc4.xml`,
    ]);
    expect(result?.company.cik).toBe("0001350102");
    expect(result?.filings).toHaveLength(1);
    const f = result?.filings[0];
    expect(f?.ref).toEqual({
      accessionNumber: ASTI.accessionNumber,
      cik: "0001350102",
      form: "4",
      filedDate: "2007-11-14",
      primaryDocument: "xslF345X02/doc4.xml",
    });
    expect(f?.url).toBe(SEED_INDEX_PAGE());
    expect(f?.stale).toBe(false);
    expect(f?.filing.issuer).toEqual({
      cik: "0001350102",
      name: "Ascent Solar Technologies, Inc.",
      ticker: "ASTI",
    });
    expect(f?.filing.owners.map((o) => o.name)).toEqual(["Misra Ashutosh"]);
    const s1 = f?.summary.totals.S;
    expect(s1?.shares).toBe(1500);
    expect(s1?.pricedShares).toBe(1300);
    expect(s1?.averagePrice).toBeCloseTo(21858 / 1300, 6);
    expect(f?.summary.filedDate).toBe("2007-11-14");
    // The XML does not carry them; the fetch fills them in from EDGAR's folder.
    expect(f?.filing.accessionNumber).toBe(ASTI.accessionNumber);
    expect(f?.summary.accessionNumber).toBe(ASTI.accessionNumber);
    expect(f?.filing.filedDate).toBe("2007-11-14");
    expect(f?.summary.transactions.map((t) => t.price)).toEqual([16.76, 16.77, 16.92, 16.96, null]);
  });

  it("keeps only filings where the company is the issuer, reading older pages to look further", async () => {
    const s = source();
    let result: Awaited<ReturnType<Form4Source["latestForTicker"]>> | undefined;
    const paths = await requestsDuring(async () => {
      result = await s.latestForTicker("asti", 3);
    });
    // The older page was read, and the cross-listed NCV filing fetched, then left out.
    expect(paths).toContain("/submissions/CIK0001350102-submissions-001.json");
    expect(paths).toContain(
      `/Archives/edgar/data/1350102/${CROSS_LISTED.accessionNumber.replace(/-/g, "")}/primary_doc.xml`,
    );
    expect(result?.filings.map((f) => f.ref.accessionNumber)).toEqual([ASTI.accessionNumber]);
    expect(result?.skipped).toEqual([]);
  });

  it("a second ask within a minute makes no request; a filing is never fetched twice", async () => {
    let now = 1_000_000;
    const s = source({ now: () => now });
    await s.latestForTicker("ASTI", 1);
    expect(await requestsDuring(() => s.latestForTicker("ASTI", 1))).toEqual([]);
    now += 10 * 60 * 1000;
    // The list is looked at again; the filing is not.
    expect(await requestsDuring(() => s.latestForTicker("ASTI", 1))).toEqual([
      "/submissions/CIK0001350102.json",
    ]);
  });

  it("when EDGAR fails, the cached answer is served and marked stale", async () => {
    let now = 1_000_000;
    const s = source({ now: () => now });
    await s.latestForTicker("ASTI", 1);
    now += 10 * 60 * 1000;
    edgar.fault("/submissions/", { kind: "status", status: 503 });
    const result = await s.latestForTicker("ASTI", 1);
    expect(result.filings.map((f) => [f.ref.accessionNumber, f.stale])).toEqual([
      [ASTI.accessionNumber, true],
    ]);
  });

  it("when EDGAR fails and nothing is cached, a clear error", async () => {
    edgar.fault("/files/", { kind: "status", status: 503 });
    const error = await failure(source().latestForTicker("ASTI", 1));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("EDGAR did not answer after 2 tries (HTTP 503)");
  });

  it("a listed filing that cannot be read is reported as skipped, not dropped silently", async () => {
    const good = (
      await (
        await fetch(`${edgar.url}${ASTI.folder}doc4.xml`, {
          headers: { "User-Agent": edgar.config.userAgent },
        })
      ).text()
    ).replace("<issuerCik>0001350102</issuerCik>", "<issuerCik>0000000999</issuerCik>");
    edgar.addFile("/Archives/edgar/data/999/000000099907000002/doc4.xml", good);
    // Whole (so not an EDGAR failure) but unreadable: an ownership document with no issuer name.
    edgar.addFile(
      "/Archives/edgar/data/999/000000099907000001/doc4.xml",
      '<?xml version="1.0"?>\n<ownershipDocument><documentType>4</documentType><issuer><issuerCik>0000000999</issuerCik></issuer></ownershipDocument>\n',
    );
    edgar.addFile(
      "/submissions/CIK0000000999.json",
      JSON.stringify({
        name: TEST_CO.title,
        tickers: [TEST_CO.ticker],
        filings: {
          recent: {
            accessionNumber: ["0000000999-07-000001", "0000000999-07-000002"],
            filingDate: ["2007-11-15", "2007-11-14"],
            form: ["4", "4"],
            primaryDocument: ["xslF345X02/doc4.xml", "xslF345X02/doc4.xml"],
          },
          files: [],
        },
      }),
    );
    const result = await source().latestForTicker("TSTCO", 2);
    expect(result.filings.map((f) => f.ref.accessionNumber)).toEqual(["0000000999-07-000002"]);
    expect(result.skipped?.map((s) => s.ref.accessionNumber)).toEqual(["0000000999-07-000001"]);
    expect(result.skipped?.[0]?.reason).toMatch(/\S/);
  });

  it("an unknown CIK on a company link is notFound", async () => {
    const error = await failure(source().resolve("https://www.sec.gov/edgar/browse/?CIK=12345"));
    expect(error.kind).toBe("notFound");
    expect(error.message).toBe("EDGAR has no company with CIK 0000012345");
  });
});

describe("listSince", () => {
  it("lists the company's Form 4s as issuer filed on or after a date", async () => {
    const s = source();
    const refs = await s.listSince("1350102", "2007-01-01");
    expect(refs.map((r) => [r.accessionNumber, r.filedDate])).toEqual([
      [ASTI.accessionNumber, "2007-11-14"],
    ]);
    expect(await s.listSince("0001350102", "2007-11-15")).toEqual([]);
    // The listed refs fetch from the cache.
    const ref = refs[0];
    if (!ref) throw new Error("no ref");
    expect(await requestsDuring(() => s.fetch(ref))).toEqual([]);
  });

  it("does not read older pages that end before the date", async () => {
    const paths = await requestsDuring(() => source().listSince("1350102", "2007-11-01"));
    expect(paths).not.toContain("/submissions/CIK0001350102-submissions-001.json");
  });
});

describe("resolve: every link form to the filing", () => {
  const folder18 = ASTI.folder;
  const dashed = `/Archives/edgar/data/1350102/${ASTI.accessionNumber}/`;
  const forms: [string, (base: string) => string][] = [
    ["filing index page", (b) => `${b}${folder18}${ASTI.accessionNumber}-index.htm`],
    ["filing index page .html", (b) => `${b}${folder18}${ASTI.accessionNumber}-index.html`],
    ["filing folder", (b) => `${b}${folder18}`],
    ["filing folder, no slash", (b) => `${b}${folder18.slice(0, -1)}`],
    ["folder with dashes", (b) => `${b}${dashed}`],
    ["rendered page", (b) => `${b}${folder18}xslF345X02/doc4.xml`],
    ["raw XML", (b) => `${b}${folder18}doc4.xml`],
    ["full submission .txt", (b) => `${b}${folder18}${ASTI.accessionNumber}.txt`],
    ["old flat .txt path", (b) => `${b}/Archives/edgar/data/1350102/${ASTI.accessionNumber}.txt`],
    ["Slack-wrapped", (b) => `<${b}${folder18}${ASTI.accessionNumber}-index.htm|ASTI Form 4>`],
    [
      "company page (browse-edgar)",
      (b) => `${b}/cgi-bin/browse-edgar?action=getcompany&CIK=1350102&type=4`,
    ],
    ["company page by ticker", (b) => `${b}/cgi-bin/browse-edgar?action=getcompany&CIK=asti`],
    ["company page (edgar/browse)", (b) => `${b}/edgar/browse/?CIK=1350102`],
  ];
  for (const [name, build] of forms) {
    for (const base of ["https://www.sec.gov", "stand-in"]) {
      it(`${name} (${base})`, async () => {
        const text = build(base === "stand-in" ? edgar.url : base);
        const filings = await source().resolve(text);
        expect(filings).toHaveLength(1);
        const f = filings[0];
        expect(f?.ref.accessionNumber).toBe(ASTI.accessionNumber);
        expect(f?.ref.filedDate).toBe("2007-11-14");
        expect(f?.url).toBe(SEED_INDEX_PAGE());
        expect(f?.summary.totals.S?.shares).toBe(1500);
        expect(f?.filing.source).toBe(text.includes(".txt") ? "submission" : "xml");
      });
    }
  }

  it("a bare accession number, found under the filer its number names", async () => {
    const [f] = await source().resolve(ASTI.accessionNumber);
    expect(f?.ref.accessionNumber).toBe(ASTI.accessionNumber);
    expect(f?.summary.issuer.ticker).toBe("ASTI");
  });

  it("a bare accession number filed by an agent asks for the full link", async () => {
    const error = await failure(source().resolve(CROSS_LISTED.accessionNumber));
    expect(error.kind).toBe("notFound");
    expect(error.message).toContain("paste the full EDGAR link");
  });

  it("a company link asks for the latest `limit`", async () => {
    const filings = await source().resolve(`${edgar.url}/edgar/browse/?CIK=1350102`, 5);
    expect(filings.map((f) => f.ref.accessionNumber)).toEqual([ASTI.accessionNumber]);
  });

  it("shared recorded filings by their sec.gov links", async () => {
    const s = source();
    const [goog] = await s.resolve(
      "https://www.sec.gov/Archives/edgar/data/1288776/000112760215028697/xslF345X03/form4.xml",
    );
    expect(goog?.filing.issuer.ticker).toBe("GOOG");
    expect(goog?.ref.filedDate).toBe(""); // no header page in that folder: EDGAR did not say
    const [flws] = await s.resolve(
      "https://www.sec.gov/Archives/edgar/data/1084869/000092189525001190/",
    );
    expect(flws?.filing.issuer.ticker).toBe("FLWS");
    expect(flws?.ref.filedDate).toMatch(/^2025-04-\d\d$/);
    expect(flws?.filing.source).toBe("xml");
  });

  it("a filing that is not a Form 4 is said to be so", async () => {
    const error = await failure(
      source().resolve(
        "https://www.sec.gov/Archives/edgar/data/1648960/000121390024004875/0001213900-24-004875-index.htm",
      ),
    );
    expect(error.kind).toBe("notForm4");
    expect(error.message).toBe("that filing is an 8-K, not a Form 4");
  });

  it("an ownership document of another form (Form 3) is said to be so", async () => {
    edgar.addFile(
      "/Archives/edgar/data/999/000000099907000003/doc3.xml",
      '<?xml version="1.0"?>\n<ownershipDocument><schemaVersion>X0202</schemaVersion><documentType>3</documentType></ownershipDocument>\n',
    );
    const error = await failure(
      source().resolve("https://www.sec.gov/Archives/edgar/data/999/000000099907000003/"),
    );
    expect(error.kind).toBe("notForm4");
    expect(error.message).toBe("that filing is a Form 3, not a Form 4");
  });

  it("a link to another host fetches nothing", async () => {
    const paths = await requestsDuring(async () => {
      const error = await failure(
        source().resolve(`https://evil.example${ASTI.folder}${ASTI.accessionNumber}-index.htm`),
      );
      expect(error.kind).toBe("forbiddenHost");
      expect(error.message).toContain("evil.example is not EDGAR");
    });
    expect(paths).toEqual([]);
  });

  it("text that is no EDGAR link is badLink", async () => {
    expect((await failure(source().resolve("hello"))).kind).toBe("badLink");
    const error = await failure(
      source().resolve("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=4"),
    );
    expect(error.kind).toBe("badLink");
    expect(error.message).toContain("not a filing or a company page");
  });

  it("a filing asked for twice is fetched once", async () => {
    const s = source();
    await s.resolve(`${edgar.url}${ASTI.folder}`);
    expect(await requestsDuring(() => s.resolve(`${edgar.url}${ASTI.folder}`))).toEqual([]);
  });
});
