// `/form4 alert …` read into rules, and rules said back. Pure.
import { describe, expect, it } from "vitest";
import { formatAmount, parseAlertCommand, parseAmount } from "../../src/alerts/rules.js";
import { parseCommandText } from "../../src/slack/command-text.js";

const words = (s: string) => s.split(/\s+/).filter((w) => w !== "");

describe("parseAlertCommand", () => {
  it("reads tickers, sizes, roles, clusters and first buys", () => {
    expect(parseAlertCommand(words("DKNG, tsla $BRK.B"))).toEqual({
      kind: "add",
      spec: { kind: "tickers", tickers: ["DKNG", "TSLA", "BRK.B"] },
    });
    expect(parseAlertCommand(words("buys over $100k"))).toEqual({
      kind: "add",
      spec: { kind: "buys", minValue: 100_000, roles: [] },
    });
    expect(parseAlertCommand(words("sells over $1M by cfo, CEO"))).toEqual({
      kind: "add",
      spec: { kind: "sells", minValue: 1_000_000, roles: ["ceo", "cfo"] },
    });
    expect(parseAlertCommand(words("purchases 250,000 by director or 10%"))).toEqual({
      kind: "add",
      spec: { kind: "buys", minValue: 250_000, roles: ["director", "10%"] },
    });
    expect(parseAlertCommand(words("clusters"))).toEqual({
      kind: "add",
      spec: { kind: "clusters" },
    });
    expect(parseAlertCommand(words("first buys"))).toEqual({
      kind: "add",
      spec: { kind: "firstBuys" },
    });
    expect(parseAlertCommand(words("first-buys"))).toEqual({
      kind: "add",
      spec: { kind: "firstBuys" },
    });
  });

  it("reads off: a rule, a ticker, a number, all", () => {
    expect(parseAlertCommand(words("off all"))).toEqual({ kind: "off", target: { kind: "all" } });
    expect(parseAlertCommand(words("off 2"))).toEqual({
      kind: "off",
      target: { kind: "number", n: 2 },
    });
    expect(parseAlertCommand(words("off DKNG"))).toEqual({
      kind: "off",
      target: { kind: "tickers", tickers: ["DKNG"] },
    });
    expect(parseAlertCommand(words("off sells over $1m by ceo,cfo"))).toEqual({
      kind: "off",
      target: { kind: "sells", minValue: 1_000_000, roles: ["ceo", "cfo"] },
    });
  });

  it("answers mistakes with one line and an example", () => {
    const problem = (s: string) => {
      const c = parseAlertCommand(words(s));
      expect(c.kind).toBe("problem");
      return c.kind === "problem" ? c.problem : "";
    };
    expect(problem("")).toContain("/form4 alert DKNG TSLA");
    expect(problem("buys over")).toContain("is not an amount in dollars, like $100k");
    expect(problem("buys over -5")).toContain('"-5" is not an amount');
    expect(problem("sells over $1M by")).toContain('Name the roles after "by"');
    expect(problem("sells by ceo,intern")).toBe(
      '"intern" is not a role I know; use ceo, cfo, coo, cto, president, chair, director, officer, 10% (e.g. /form4 alert sells over $1M by ceo,cfo).',
    );
    expect(problem("clusters at AAPL")).toContain("takes nothing after it");
    expect(problem("buys lots")).toContain('I did not understand "lots" after buys');
    expect(problem("DKNG http://x")).toContain('"HTTP://X" is not a ticker or an alert kind');
    expect(problem("off")).toContain("/form4 alert off all");
    for (const line of [problem("buys over"), problem("sells by ceo,intern")]) {
      expect(line.split("\n")).toHaveLength(1);
    }
  });

  it("is what /form4 alert and /form4 alerts mean", () => {
    expect(parseCommandText("alert DKNG")).toEqual({
      kind: "alert",
      command: { kind: "add", spec: { kind: "tickers", tickers: ["DKNG"] } },
    });
    expect(parseCommandText("alerts")).toEqual({ kind: "alert", command: { kind: "list" } });
    expect(parseCommandText("alerts off all")).toEqual({
      kind: "alert",
      command: { kind: "off", target: { kind: "all" } },
    });
  });
});

describe("amounts", () => {
  it("reads and writes dollars", () => {
    expect(parseAmount("$100k")).toBe(100_000);
    expect(parseAmount("$1.5M")).toBe(1_500_000);
    expect(parseAmount("2b")).toBe(2_000_000_000);
    expect(parseAmount("250,000")).toBe(250_000);
    expect(parseAmount("1,00")).toBeNull();
    expect(parseAmount("lots")).toBeNull();
    expect(formatAmount(100_000)).toBe("$100k");
    expect(formatAmount(1_000_000)).toBe("$1M");
    expect(formatAmount(1_500_000)).toBe("$1.5M");
    expect(formatAmount(2_500)).toBe("$2.5k");
    expect(formatAmount(999)).toBe("$999");
  });
});
