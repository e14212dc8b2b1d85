import { describe, expect, it } from "vitest";
import type { EdgarConfig } from "../../src/config.js";
import { EdgarError } from "../../src/edgar/errors.js";
import {
  archivesPath,
  companyForm4sPath,
  currentFeedPath,
  dailyIndexPath,
  filingDocumentPath,
  filingFolderPath,
  filingIndexPath,
  looksLikeUrl,
  olderPagePath,
  padCik,
  parseEdgarLink,
  submissionsPath,
  TICKER_MAP_PATH,
} from "../../src/edgar/links.js";

const config: EdgarConfig = {
  userAgent: "form4 tests tests@example.com",
  wwwUrl: "http://127.0.0.1:4321",
  dataUrl: "http://127.0.0.1:4322",
};

const ACC = "0001350102-07-000099";
const FOLDER = "/Archives/edgar/data/1350102/000135010207000099";
const filing = (document: string | null, cik: string | null = "0001350102") => ({
  kind: "filing",
  cik,
  accessionNumber: ACC,
  document,
});

describe("parseEdgarLink: filing links", () => {
  const cases: [string, string, string | null][] = [
    ["index page .htm", `https://www.sec.gov${FOLDER}/${ACC}-index.htm`, null],
    ["index page .html", `https://www.sec.gov${FOLDER}/${ACC}-index.html`, null],
    ["index headers page", `https://www.sec.gov${FOLDER}/${ACC}-index-headers.html`, null],
    ["folder with trailing slash", `https://www.sec.gov${FOLDER}/`, null],
    ["folder without trailing slash", `https://www.sec.gov${FOLDER}`, null],
    [
      "folder with the accession's dashes",
      `https://www.sec.gov/Archives/edgar/data/1350102/${ACC}/`,
      null,
    ],
    ["folder index.json", `https://www.sec.gov${FOLDER}/index.json`, null],
    ["rendered page X02", `https://www.sec.gov${FOLDER}/xslF345X02/doc4.xml`, "doc4.xml"],
    [
      "rendered page X05",
      `https://www.sec.gov${FOLDER}/xslF345X05/wk-form4_1.xml`,
      "wk-form4_1.xml",
    ],
    ["raw XML", `https://www.sec.gov${FOLDER}/doc4.xml`, "doc4.xml"],
    ["full submission .txt in the folder", `https://www.sec.gov${FOLDER}/${ACC}.txt`, `${ACC}.txt`],
    [
      "full submission .txt, old flat path",
      `https://www.sec.gov/Archives/edgar/data/1350102/${ACC}.txt`,
      `${ACC}.txt`,
    ],
    ["an exhibit: the folder decides", `https://www.sec.gov${FOLDER}/ex24.htm`, null],
    ["http, no www", `http://sec.gov${FOLDER}/${ACC}-index.htm`, null],
    ["no scheme", `www.sec.gov${FOLDER}/${ACC}-index.htm`, null],
    [
      "query string and fragment",
      `https://www.sec.gov${FOLDER}/xslF345X02/doc4.xml?x=1#top`,
      "doc4.xml",
    ],
    [
      "lower-case path",
      `https://www.sec.gov/archives/edgar/data/1350102/000135010207000099/doc4.xml`,
      "doc4.xml",
    ],
    [
      "padded CIK in the path",
      `https://www.sec.gov/Archives/edgar/data/0001350102/000135010207000099/`,
      null,
    ],
    ["the configured (stand-in) host", `${config.wwwUrl}${FOLDER}/${ACC}-index.htm`, null],
    [
      "Slack-wrapped with a label",
      `<https://www.sec.gov${FOLDER}/${ACC}-index.htm|ASTI Form 4>`,
      null,
    ],
    ["Slack-wrapped without a label", `<https://www.sec.gov${FOLDER}/doc4.xml>`, "doc4.xml"],
    ["trailing punctuation from prose", `https://www.sec.gov${FOLDER}/doc4.xml.`, "doc4.xml"],
  ];
  for (const [name, text, document] of cases) {
    it(name, () => {
      expect(parseEdgarLink(text, config)).toEqual(filing(document));
    });
  }

  it("bare accession numbers, dashed or 18 digits, have no CIK", () => {
    expect(parseEdgarLink(ACC, config)).toEqual(filing(null, null));
    expect(parseEdgarLink("000135010207000099", config)).toEqual(filing(null, null));
    expect(parseEdgarLink(`  ${ACC}\n`, config)).toEqual(filing(null, null));
  });
});

describe("parseEdgarLink: company links mean the company's latest", () => {
  it("browse-edgar getcompany with a CIK, padded to 10 digits", () => {
    for (const text of [
      "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=1350102&type=4&dateb=&owner=include&count=40",
      "https://www.sec.gov/cgi-bin/browse-edgar?CIK=0001350102&action=getcompany",
      "<https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK=1350102&amp;owner=include>",
      "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&cik=1350102",
    ]) {
      expect(parseEdgarLink(text, config), text).toEqual({ kind: "company", cik: "0001350102" });
    }
  });

  it("browse-edgar getcompany with a ticker", () => {
    expect(
      parseEdgarLink("https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=asti", config),
    ).toEqual({ kind: "ticker", ticker: "ASTI" });
    expect(
      parseEdgarLink(
        "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=BRK.B",
        config,
      ),
    ).toEqual({ kind: "ticker", ticker: "BRK.B" });
  });

  it("the new company browser, ownership pages and the submissions JSON", () => {
    const company = { kind: "company", cik: "0001350102" };
    expect(parseEdgarLink("https://www.sec.gov/edgar/browse/?CIK=1350102", config)).toEqual(
      company,
    );
    expect(parseEdgarLink("https://www.sec.gov/edgar/browse?CIK=1350102", config)).toEqual(company);
    expect(
      parseEdgarLink(
        "https://www.sec.gov/cgi-bin/own-disp?action=getissuer&CIK=0001350102",
        config,
      ),
    ).toEqual(company);
    expect(parseEdgarLink("https://data.sec.gov/submissions/CIK0001350102.json", config)).toEqual(
      company,
    );
    expect(parseEdgarLink(`${config.dataUrl}/submissions/CIK0001350102.json`, config)).toEqual(
      company,
    );
  });
});

describe("parseEdgarLink: what it refuses", () => {
  it("links to any other host mean nothing (nothing is fetched for them)", () => {
    for (const text of [
      `https://evil.example${FOLDER}/${ACC}-index.htm`,
      `https://www.sec.gov.evil.example${FOLDER}/doc4.xml`,
      `https://sec.gov:8443${FOLDER}/doc4.xml`,
      `http://127.0.0.1:9${FOLDER}/doc4.xml`,
      `<https://evil.example${FOLDER}/doc4.xml|https://www.sec.gov${FOLDER}/doc4.xml>`,
      `ftp://www.sec.gov${FOLDER}/doc4.xml`,
    ]) {
      expect(parseEdgarLink(text, config), text).toBeNull();
    }
  });

  it("EDGAR pages that are not a filing or a company", () => {
    for (const text of [
      "https://www.sec.gov/",
      "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=4",
      "https://www.sec.gov/cgi-bin/browse-edgar?company=ascent&action=getcompany",
      "https://www.sec.gov/Archives/edgar/data/1350102/",
      "https://www.sec.gov/Archives/edgar/data/1350102/12345/",
      "https://www.sec.gov/Archives/edgar/data/1350102/%E0%A4%A/",
      "0001350102-07-00009",
      "ASTI",
      "",
    ]) {
      expect(parseEdgarLink(text, config), text).toBeNull();
    }
  });

  it("looksLikeUrl tells a link from other text", () => {
    expect(looksLikeUrl("https://evil.example/x")).toBe(true);
    expect(looksLikeUrl("<https://evil.example/x|label>")).toBe(true);
    expect(looksLikeUrl("www.sec.gov/Archives")).toBe(true);
    expect(looksLikeUrl("ASTI")).toBe(false);
  });

  it("padCik", () => {
    expect(padCik("1350102")).toBe("0001350102");
    expect(padCik("0001350102")).toBe("0001350102");
    expect(padCik("12345678901")).toBeNull();
    expect(padCik("12a")).toBeNull();
  });
});

describe("the EDGAR paths we build, each from one builder", () => {
  it("a filing's folder, index page and documents: CIK without its zeros, accession without dashes", () => {
    expect(filingFolderPath("0001350102", ACC)).toBe(`${FOLDER}/`);
    expect(filingIndexPath("0001350102", ACC)).toBe(`${FOLDER}/${ACC}-index.htm`);
    expect(filingDocumentPath("1350102", ACC, "doc4.xml")).toBe(`${FOLDER}/doc4.xml`);
    expect(filingDocumentPath("1350102", ACC, "index.json")).toBe(`${FOLDER}/index.json`);
  });

  it("a document name that is not a plain file name is never put into a path", () => {
    for (const bad of ["../../evil.xml", "a?b.xml", "x#y.xml", "", "..xml"]) {
      expect(() => filingDocumentPath("1350102", ACC, bad)).toThrow(EdgarError);
    }
  });

  it("what we build, we read back as the same filing", () => {
    for (const path of [
      filingIndexPath("0001350102", ACC),
      filingFolderPath("0001350102", ACC),
      filingDocumentPath("0001350102", ACC, "doc4.xml"),
    ]) {
      const link = parseEdgarLink(`${config.wwwUrl}${path}`, config);
      expect(link).toMatchObject({ kind: "filing", cik: "0001350102", accessionNumber: ACC });
    }
    expect(parseEdgarLink(`${config.dataUrl}${submissionsPath("0001350102")}`, config)).toEqual({
      kind: "company",
      cik: "0001350102",
    });
    expect(parseEdgarLink(`${config.wwwUrl}${companyForm4sPath("0001350102")}`, config)).toEqual({
      kind: "company",
      cik: "0001350102",
    });
  });

  it("the filing lists, ticker map, current feed and daily index", () => {
    expect(submissionsPath("0001350102")).toBe("/submissions/CIK0001350102.json");
    expect(olderPagePath({ name: "CIK0001350102-submissions-001.json" })).toBe(
      "/submissions/CIK0001350102-submissions-001.json",
    );
    expect(TICKER_MAP_PATH).toBe("/files/company_tickers.json");
    expect(currentFeedPath(0)).toBe(
      "/cgi-bin/browse-edgar?action=getcurrent&type=4&owner=include&count=100&output=atom",
    );
    expect(dailyIndexPath("2020-03-18")).toBe(
      "/Archives/edgar/daily-index/2020/QTR1/form.20200318.idx",
    );
    expect(archivesPath("edgar/data/1770787/0000899243-20-008928.txt")).toBe(
      "/Archives/edgar/data/1770787/0000899243-20-008928.txt",
    );
  });
});
