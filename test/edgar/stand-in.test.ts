// The EDGAR stand-in itself: what it serves and how its faults and counters behave.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../src/form4/model.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { readSeed } from "../fixtures.js";
import {
  ASTI,
  CROSS_LISTED,
  type EdgarStandIn,
  STAND_IN_USER_AGENT,
  startEdgarStandIn,
} from "../stand-ins/edgar.js";

let edgar: EdgarStandIn;
beforeAll(async () => {
  edgar = await startEdgarStandIn({
    tickers: [{ cik: 1350102, ticker: "ASTI-WT", title: "Ascent Solar Technologies, Inc." }],
  });
});
afterAll(() => edgar.close());
afterEach(() => edgar.clearFaults());

function get(path: string, userAgent: string | null = STAND_IN_USER_AGENT) {
  return fetch(`${edgar.url}${path}`, {
    headers: userAgent ? { "User-Agent": userAgent } : {},
    redirect: "manual",
  });
}

interface IndexJson {
  directory: { name: string; item: { name: string; size: string }[] };
}

/** What a row says, whichever reader read it (problems and reader-specific details aside). */
function essentialsOf(r: Row) {
  return [
    r.security.value,
    r.date.value,
    r.code.value,
    r.code.footnoteIds,
    r.shares.value,
    r.price.value,
    r.acquiredDisposed.value,
    r.sharesOwnedAfter.value,
    r.sharesOwnedAfter.footnoteIds,
    r.ownership.value,
  ];
}

describe("EDGAR stand-in: the seed filing", () => {
  it("serves the rebuilt ownershipDocument with the seed's rows and footnotes", async () => {
    const xml = await (await get(`${ASTI.folder}doc4.xml`)).text();
    expect(xml).toContain("<schemaVersion>X0202</schemaVersion>");
    expect(xml).toContain("<issuerCik>0001350102</issuerCik>");
    expect(xml).toContain("<rptOwnerName>Misra Ashutosh</rptOwnerName>");
    expect(xml).toContain("<officerTitle>SVP Operations &amp; Corp. Affairs</officerTitle>");
    const values = (element: string) =>
      [...xml.matchAll(new RegExp(`<${element}>\\s*<value>([^<]*)<`, "g"))].map((m) => m[1]);
    // The seed's fifth row has lost its title, shares and price: they stay unstated, not guessed.
    expect(values("securityTitle")).toEqual([
      "Common Stock",
      "Common Stock",
      "Common Stock",
      "Common Stock",
      "",
    ]);
    expect(values("transactionShares")).toEqual(["700", "200", "300", "100", ""]);
    expect(values("transactionPricePerShare")).toEqual(["16.76", "16.77", "16.92", "16.96", ""]);
    expect(values("sharesOwnedFollowingTransaction")).toEqual([
      "43600",
      "43400",
      "43100",
      "43000",
      "42800",
    ]);
    // The footnotes word for word as the seed has them.
    const seed = readSeed();
    for (const [, text] of xml.matchAll(/<footnote id="F\d">([^<]*)<\/footnote>/g)) {
      expect(seed).toContain(text);
    }
  });

  it("serves the .txt (header + the same XML), the rendering, the index page and the header page", async () => {
    const xml = await (await get(`${ASTI.folder}doc4.xml`)).text();
    const txt = await (await get(`${ASTI.folder}${ASTI.accessionNumber}.txt`)).text();
    expect(txt).toContain("CONFORMED SUBMISSION TYPE:\t4");
    expect(txt).toContain("FILED AS OF DATE:\t\t20071114");
    expect(txt).toContain(`<XML>\n${xml}</XML>`);
    const rendering = await get(`${ASTI.folder}xslF345X02/doc4.xml`);
    expect(rendering.headers.get("content-type")).toBe("text/html");
    expect(await rendering.text()).toContain("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP");
    expect(await (await get(`${ASTI.folder}${ASTI.accessionNumber}-index.htm`)).text()).toContain(
      "Filing Detail",
    );
    expect(
      await (await get(`${ASTI.folder}${ASTI.accessionNumber}-index-headers.html`)).text(),
    ).toContain("<FILING-DATE>20071114");
    // The old flat path to the full submission.
    const flat = await get(`/Archives/edgar/data/1350102/${ASTI.accessionNumber}.txt`);
    expect(await flat.text()).toBe(txt);
  });

  it("the XML, the .txt and the rendering read to the same filing", async () => {
    const forms = await Promise.all(
      ["doc4.xml", `${ASTI.accessionNumber}.txt`, "xslF345X02/doc4.xml"].map(async (name) =>
        parseFiling(await (await get(`${ASTI.folder}${name}`)).text()),
      ),
    );
    expect(forms.map((f) => f.source)).toEqual(["xml", "submission", "html"]);
    const essentials = forms.map((f) => ({
      issuer: f.issuer,
      owners: f.owners,
      footnotes: f.footnotes,
      rows: f.rows.map((r) => essentialsOf(r)),
    }));
    expect(essentials[1]).toEqual(essentials[0]);
    expect(essentials[2]).toEqual(essentials[0]);
    // … and to the seed itself: its rows and footnotes, nothing added.
    const seed = parseFiling(readSeed());
    expect(seed.source).toBe("text");
    expect(seed.rows.map((r) => essentialsOf(r))).toEqual(
      forms[0]?.rows.map((r) => essentialsOf(r)),
    );
    expect(seed.footnotes).toEqual(forms[0]?.footnotes);
    // Row 5 as the seed has it: no title, shares or price, in every form.
    for (const form of forms) {
      const row = form.rows[4];
      expect(form.rows).toHaveLength(5);
      expect([row?.security.value, row?.shares.value, row?.price.value]).toEqual([
        null,
        null,
        null,
      ]);
      expect(row?.sharesOwnedAfter.value).toBe(42800);
    }
    expect(forms[1]?.accessionNumber).toBe(ASTI.accessionNumber);
    expect(forms[1]?.filedDate).toBe("2007-11-14");
  });

  it("generates the folder's index.json from what the folder holds", async () => {
    const index = (await (await get(`${ASTI.folder}index.json`)).json()) as IndexJson;
    expect(index.directory.name).toBe("/Archives/edgar/data/1350102/000135010207000099");
    expect(index.directory.item.map((i) => i.name)).toEqual([
      "0001350102-07-000099-index-headers.html",
      "0001350102-07-000099-index.htm",
      "0001350102-07-000099.txt",
      "doc4.xml",
    ]);
  });

  it("lists ASTI's filings on the data host, with an older page", async () => {
    const recent = (await (await get("/submissions/CIK0001350102.json")).json()) as {
      filings: { recent: { accessionNumber: string[] }; files: { name: string }[] };
    };
    expect(recent.filings.recent.accessionNumber).toContain(ASTI.accessionNumber);
    const older = recent.filings.files[0]?.name ?? "";
    const page = (await (await get(`/submissions/${older}`)).json()) as {
      accessionNumber: string[];
    };
    expect(page.accessionNumber).toContain(CROSS_LISTED.accessionNumber);
  });

  it("serves the ticker map with extra entries merged in", async () => {
    const map = (await (await get("/files/company_tickers.json")).json()) as Record<
      string,
      { ticker: string; cik_str: number }
    >;
    const tickers = Object.values(map).map((e) => e.ticker);
    expect(tickers).toContain("ASTI");
    expect(tickers).toContain("ASTI-WT");
    expect(tickers.length).toBeGreaterThan(9000);
  });
});

describe("EDGAR stand-in: shared fixtures at their sec.gov paths", () => {
  it("a .txt at its URL, its XML at its <FILENAME>, a header page, under every CIK it names", async () => {
    const folder = "/Archives/edgar/data/1214935/000124081207000005/";
    const txt = await get(`${folder}0001240812-07-000005.txt`);
    expect(txt.status).toBe(200);
    const xml = await (await get(`${folder}primary_doc.xml`)).text();
    expect(xml.startsWith('<?xml version="1.0"?>\n<ownershipDocument>')).toBe(true);
    expect(await (await get(`${folder}0001240812-07-000005-index-headers.html`)).text()).toContain(
      "<FILING-DATE>20070817",
    );
    // The reporting owner's folder (EDGAR lists a filing under every CIK it names) …
    expect(
      (await get("/Archives/edgar/data/1240808/000124081207000005/primary_doc.xml")).status,
    ).toBe(200);
    // … ASTI's, where the stand-in cross-lists it …
    expect(
      (await get("/Archives/edgar/data/1350102/000124081207000005/primary_doc.xml")).status,
    ).toBe(200);
    // … and not any other.
    expect(
      (await get("/Archives/edgar/data/320193/000124081207000005/primary_doc.xml")).status,
    ).toBe(404);
  });

  it("an XML fixture at its document URL, and a rendering at its xsl path", async () => {
    const folder = "/Archives/edgar/data/1288776/000112760215028697/";
    expect(await (await get(`${folder}form4.xml`)).text()).toContain("<ownershipDocument>");
    expect(await (await get(`${folder}xslF345X03/form4.xml`)).text()).toContain("Brin Sergey");
  });

  it("the recorded 8-K folder listing", async () => {
    const index = (await (
      await get("/Archives/edgar/data/1648960/000121390024004875/index.json")
    ).json()) as IndexJson;
    expect(index.directory.item.some((i) => i.name === "ea191807-8k_datchat.htm")).toBe(true);
  });
});

describe("EDGAR stand-in: behaviour", () => {
  it("refuses requests without a User-Agent naming an e-mail address, as EDGAR does", async () => {
    expect((await get(`${ASTI.folder}doc4.xml`, null)).status).toBe(403);
    expect((await get(`${ASTI.folder}doc4.xml`, "Mozilla/5.0")).status).toBe(403);
  });

  it("counts requests and records their User-Agent", async () => {
    const before = edgar.requests.length;
    await get("/nothing-here");
    expect(edgar.requests.slice(before)).toEqual([
      { path: "/nothing-here", at: expect.any(Number), userAgent: STAND_IN_USER_AGENT },
    ]);
  });

  it("a fault applies to the next `times` matching requests, by prefix or RegExp", async () => {
    edgar.fault("/files/", { kind: "status", status: 429, retryAfter: "3", times: 2 });
    const first = await get("/files/company_tickers.json");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("3");
    expect((await get("/files/company_tickers.json")).status).toBe(429);
    expect((await get("/files/company_tickers.json")).status).toBe(200);
    edgar.fault(/doc4\.xml$/, {
      kind: "redirect",
      location: "http://elsewhere.example/x",
      times: 1,
    });
    const moved = await get(`${ASTI.folder}doc4.xml`);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("http://elsewhere.example/x");
  });

  it("addFile serves more files, and folders list them", async () => {
    const folder = "/Archives/edgar/data/999/000000099924000001/";
    edgar.addFile(
      `${folder}form4.xml`,
      "<ownershipDocument><issuer><issuerCik>0000000999</issuerCik></issuer></ownershipDocument>",
    );
    expect((await get(`${folder}form4.xml`)).status).toBe(200);
    const index = (await (await get(`${folder}index.json`)).json()) as IndexJson;
    expect(index.directory.item.map((i) => i.name)).toEqual(["form4.xml"]);
  });

  it("maxPerSecond counts arrivals within any 1000 ms", async () => {
    const fresh = await startEdgarStandIn();
    try {
      expect(fresh.maxPerSecond()).toBe(0);
      await Promise.all([1, 2, 3].map(() => fetch(`${fresh.url}/x`)));
      expect(fresh.maxPerSecond()).toBe(3);
    } finally {
      await fresh.close();
    }
  });
});
