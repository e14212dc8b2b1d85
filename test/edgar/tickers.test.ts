import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EdgarError } from "../../src/edgar/errors.js";
import { findCompany, normalizeTicker, parseTickerMap } from "../../src/edgar/tickers.js";
import { API_DIR } from "../fixtures.js";

describe("normalizeTicker", () => {
  it("upper case, class suffix after a dash, no $", () => {
    expect(normalizeTicker("asti")).toBe("ASTI");
    expect(normalizeTicker(" BRK.B ")).toBe("BRK-B");
    expect(normalizeTicker("brk/b")).toBe("BRK-B");
    expect(normalizeTicker("$brk-b")).toBe("BRK-B");
  });
});

describe("parseTickerMap on the SEC's recorded map", () => {
  const map = parseTickerMap(readFileSync(`${API_DIR}company_tickers.json`, "utf8"));

  it("reads every entry, CIKs padded to 10 digits", () => {
    expect(map.size).toBeGreaterThan(9000);
    expect(findCompany(map, "asti")).toEqual({
      cik: "0001350102",
      name: "Ascent Solar Technologies, Inc.",
      ticker: "ASTI",
    });
    expect(findCompany(map, "brk.b")).toEqual({
      cik: "0001067983",
      name: "BERKSHIRE HATHAWAY INC",
      ticker: "BRK-B",
    });
    // Two tickers, one company.
    expect(findCompany(map, "GOOG").cik).toBe(findCompany(map, "GOOGL").cik);
  });

  it("an unknown ticker is EdgarError unknownTicker", () => {
    expect(() => findCompany(map, "NOPE1")).toThrow(EdgarError);
    expect(() => findCompany(map, "NOPE1")).toThrow('no company with ticker "NOPE1" on EDGAR');
  });
});

describe("parseTickerMap on bad input", () => {
  it("not JSON is a clear error", () => {
    expect(() => parseTickerMap("<html>")).toThrow("EDGAR's ticker map could not be read");
  });

  it("entries without a usable CIK or ticker are left out", () => {
    const map = parseTickerMap(
      JSON.stringify({
        0: { cik_str: 1, ticker: "OK", title: "Ok" },
        1: { cik_str: "x", ticker: "BAD", title: "Bad" },
        2: { cik_str: 2, title: "No ticker" },
      }),
    );
    expect([...map.keys()]).toEqual(["OK"]);
  });
});
