import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import {
  distinctForm4s,
  type MarketTrade,
  marketMessage,
  parseDailyIndex,
  topTrades,
} from "../../src/digest/market.js";
import { dailyIndexPath } from "../../src/edgar/links.js";
import { blockKitProblems } from "../../src/render/block-limits.js";
import { API_DIR } from "../fixtures.js";

const realIndex = readFileSync(`${API_DIR}form.20200318.idx`, "utf8");

describe("daily form index", () => {
  it("is found at EDGAR's path for the date's quarter", () => {
    expect(dailyIndexPath("2020-03-18")).toBe(
      "/Archives/edgar/daily-index/2020/QTR1/form.20200318.idx",
    );
    expect(dailyIndexPath("2024-10-01")).toBe(
      "/Archives/edgar/daily-index/2024/QTR4/form.20241001.idx",
    );
  });

  it("reads every line of a real index, forms with spaces included", () => {
    const entries = parseDailyIndex(realIndex);
    const dataLines = realIndex.split("\n").filter((l) => /edgar\/data\//.test(l));
    expect(entries).toHaveLength(dataLines.length);
    expect(entries.filter((e) => e.form === "4")).toHaveLength(2040);
    expect(entries.find((e) => e.form === "1-A POS")).toMatchObject({
      company: "Belpointe REIT, Inc.",
      cik: "1749817",
      date: "2020-03-18",
      accessionNumber: "0001010549-20-000033",
    });
    expect(entries.find((e) => e.accessionNumber === "0000899243-20-008928")).toMatchObject({
      form: "4",
      company: "10x Genomics, Inc.",
      cik: "1770787",
      fileName: "edgar/data/1770787/0000899243-20-008928.txt",
    });
  });

  it("keeps each original Form 4 once (it is listed under every CIK it names)", () => {
    const distinct = distinctForm4s(parseDailyIndex(realIndex));
    expect(distinct).toHaveLength(974);
    expect(new Set(distinct.map((e) => e.accessionNumber)).size).toBe(974);
    expect(distinct.every((e) => e.form === "4")).toBe(true);
  });
});

const trade = (accessionNumber: string, value: number, code: "P" | "S" = "S"): MarketTrade => ({
  code,
  accessionNumber,
  issuerName: `Issuer <${accessionNumber}> & Co`,
  ticker: null,
  owners: [{ cik: null, name: "Doe Jane", roles: ["officer"], title: "CEO" }],
  shares: 1000,
  pricedShares: 1000,
  averagePrice: value / 1000,
  value,
  url: `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1/${accessionNumber}-index.htm`,
});

describe("ranking and message", () => {
  it("takes the 10 largest by value, ties by accession", () => {
    const trades = Array.from({ length: 25 }, (_, i) =>
      trade(`a${String(i).padStart(2, "0")}`, (i % 13) * 1000),
    );
    const top = topTrades(trades);
    expect(top).toHaveLength(10);
    expect(top.map((t) => t.value)).toEqual([
      12000, 11000, 11000, 10000, 10000, 9000, 9000, 8000, 8000, 7000,
    ]);
    expect(top.map((t) => t.accessionNumber).slice(0, 3)).toEqual(["a12", "a11", "a24"]);
  });

  it("fits Slack's limits, escapes filer text, and says what was read", () => {
    const purchases = Array.from({ length: 10 }, (_, i) => trade(`p${i}`, 1e9 - i, "P"));
    const sales = Array.from({ length: 10 }, (_, i) => trade(`s${i}`, 5e6 - i));
    const message = marketMessage({
      date: "2020-03-18",
      form4Count: 974,
      read: 500,
      unreadable: 3,
      purchases,
      sales,
    });
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const all = JSON.stringify(message.blocks);
    expect(all).toContain("Issuer &lt;p0&gt; &amp; Co");
    expect(all).not.toContain("<p0>");
    expect(all).toContain("first 500 of 974 Form 4 filings");
    expect(all).toContain("3 filings could not be read");
    expect(message.text).toContain("Mar 18, 2020");
  });
});
