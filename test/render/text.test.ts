import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import { summaryText, terminalSafe } from "../../src/render/text.js";
import { buildSummary, seedSummary, transaction } from "./build-summary.js";

describe("summaryText", () => {
  it("prints the seed filing as aligned plain text", () => {
    const text = summaryText(seedSummary(), { url: `${DEFAULT_EDGAR_WWW_URL}/x` });
    expect(text).toBe(
      [
        "Ascent Solar Technologies, Inc. (ASTI) \u00b7 Form 4",
        "Ashutosh Misra (SVP Operations & Corp. Affairs) sold 1,500 ASTI shares at avg $16.81 (over the 1,300 priced shares)",
        "",
        "Trades",
        "  Open-market sale (S) \u00b7 1,500 shares \u00b7 avg $16.81 (range $16.76\u2013$16.96) over 1,300 priced shares \u00b7 value $21,858 \u00b7 Nov 13, 2007 \u00b7 5 rows \u00b7 10b5-1 plan",
        "      \u21b3 200 shares inferred from holdings change, price not reported",
        "",
        "Rows",
        "  Date          Code  Shares           Price               Owned after",
        "  Nov 13, 2007  S     \u2212700             $16.76              43,600 D",
        "  Nov 13, 2007  S     \u2212200             $16.77              43,400 D",
        "  Nov 13, 2007  S     \u2212300             $16.92              43,100 D",
        "  Nov 13, 2007  S     \u2212100             $16.96              43,000 D",
        "  Nov 13, 2007  S     \u2212200 (inferred)  price not reported  42,800 D",
        "",
        "Rule 10b5-1 trading plan (per footnote): adopted Jun 22, 2007, 144 days before the first trade",
        '  "The sales reported in this Form 4 were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on June 22, 2007."',
        "",
        "Holdings after",
        "  Common Stock: 42,800 direct",
        "",
        "Options and warrants held",
        "  4,000 Class B Warrants (from footnote)",
        "  25,000 Options to purchase common stock (vested; from footnote)",
        "  5,000 Options to purchase common stock (unvested; from footnote)",
        "",
        "Form 4 \u00b7 Filed Nov 14, 2007 (1 business day after the trade)",
        `${DEFAULT_EDGAR_WWW_URL}/x`,
        "",
      ].join("\n"),
    );
  });

  it("has no mrkdwn and no ANSI unless asked", () => {
    const plain = summaryText(seedSummary());
    expect(plain).not.toContain("\u001b");
    expect(plain).not.toContain("&amp;");
    expect(plain).not.toMatch(/\*\w/);
    const color = summaryText(seedSummary(), { color: true });
    expect(color).toContain("\u001b[1mTrades\u001b[22m");
  });

  it("strips terminal control sequences from filer text", () => {
    const summary = buildSummary({
      owners: [
        { cik: null, name: "Evil\u001b[2J\u001b]0;pwned\u0007 Eve", roles: [], title: null },
      ],
      transactions: [transaction({ nature: "By\rTrust\u202e", ownership: "I" })],
      warnings: ["bad\u0000row"],
    });
    const text = summaryText(summary);
    const controls = [...text].filter((c) => /[\p{Cc}\u202e]/u.test(c) && c !== "\n");
    expect(controls).toEqual([]);
    expect(text).toContain("I (By Trust)");
    expect(terminalSafe("a\u001b[31mb")).toBe("a[31mb");
  });

  it("marks a cached copy and lists every warning", () => {
    const text = summaryText(buildSummary({ warnings: ["one", "two", "three", "four"] }), {
      stale: true,
    });
    expect(text.startsWith("\u26a0 EDGAR is not answering; this is a cached copy.\n")).toBe(true);
    expect(text).toContain("Warnings\n  \u26a0 one\n  \u26a0 two\n  \u26a0 three\n  \u26a0 four\n");
  });

  it("names the security in each row when a filing moves several", () => {
    const summary = buildSummary({
      transactions: [
        transaction({ security: "Class A Common Stock" }),
        transaction({ security: "Class C Capital Stock", price: null }),
      ],
    });
    const text = summaryText(summary);
    expect(text).toContain("  Security               Date");
    expect(text).toContain(
      "  Class C Capital Stock  Nov 13, 2007  S     \u2212100    price not reported  1,000 D",
    );
  });
});
