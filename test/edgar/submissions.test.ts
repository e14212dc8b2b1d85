import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseOlderPage, parseSubmissions } from "../../src/edgar/submissions.js";
import { API_DIR, OWN_FIXTURES_DIR } from "../fixtures.js";

describe("parseSubmissions on Tesla's recorded list", () => {
  const body = readFileSync(`${API_DIR}CIK0001318605.json`, "utf8");
  const listing = parseSubmissions(body, "0001318605");
  const raw = JSON.parse(body) as {
    filings: { recent: { form: string[]; accessionNumber: string[] } };
  };

  it("keeps exactly the Form 4 and 4/A rows, in EDGAR's order (newest first)", () => {
    const expected = raw.filings.recent.accessionNumber.filter((_, i) =>
      ["4", "4/A"].includes(raw.filings.recent.form[i] ?? ""),
    );
    expect(listing.refs.map((r) => r.accessionNumber)).toEqual(expected);
    expect(listing.refs.length).toBeGreaterThan(400);
    expect(listing.refs[0]).toEqual({
      accessionNumber: "0001790565-22-000015",
      cik: "0001318605",
      form: "4",
      filedDate: "2022-11-30",
      primaryDocument: "xslF345X03/edgardoc.xml",
    });
    const dates = listing.refs.map((r) => r.filedDate);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("reads the company and its older pages", () => {
    expect(listing.name).toBe("Tesla, Inc.");
    expect(listing.tickers).toContain("TSLA");
    expect(listing.olderPages).toEqual([
      {
        name: "CIK0001318605-submissions-001.json",
        filingFrom: "2005-02-17",
        filingTo: "2013-12-10",
      },
    ]);
  });
});

describe("parseSubmissions on the stand-in's ASTI list", () => {
  const dir = `${OWN_FIXTURES_DIR}edgar/submissions/`;
  it("recent and older page", () => {
    const listing = parseSubmissions(
      readFileSync(`${dir}CIK0001350102.json`, "utf8"),
      "0001350102",
    );
    expect(listing.refs.map((r) => r.accessionNumber)).toEqual(["0001350102-07-000099"]);
    const page = listing.olderPages[0];
    if (!page) throw new Error("no older page");
    const older = parseOlderPage(readFileSync(`${dir}${page.name}`, "utf8"), "0001350102", page);
    expect(older.map((r) => [r.accessionNumber, r.form])).toEqual([["0001240812-07-000005", "4"]]);
  });
});

describe("parseSubmissions on bad input", () => {
  it("not JSON is a clear error", () => {
    expect(() => parseSubmissions("{", "0000000001")).toThrow(
      "EDGAR's filing list for CIK 0000000001 could not be read",
    );
  });

  it("only EDGAR's own page names become paths", () => {
    const listing = parseSubmissions(
      JSON.stringify({
        filings: {
          recent: {},
          files: [
            { name: "../../files/company_tickers.json" },
            { name: "CIK0000000001-submissions-002.json" },
          ],
        },
      }),
      "0000000001",
    );
    expect(listing.olderPages.map((p) => p.name)).toEqual(["CIK0000000001-submissions-002.json"]);
  });

  it("rows with bad accession numbers or other forms are left out", () => {
    const listing = parseSubmissions(
      JSON.stringify({
        filings: {
          recent: {
            accessionNumber: ["bad", "0000000001-24-000001", "0000000001-24-000002"],
            form: ["4", "4/A", "8-K"],
            filingDate: ["2024-01-02", "2024-01-02", "2024-01-01"],
            primaryDocument: ["a.xml", "", "b.htm"],
          },
        },
      }),
      "0000000001",
    );
    expect(listing.refs).toEqual([
      {
        accessionNumber: "0000000001-24-000001",
        cik: "0000000001",
        form: "4/A",
        filedDate: "2024-01-02",
        primaryDocument: null,
      },
    ]);
  });
});
