// Each alert filter on real recorded filings: purchase sizes, roles, clusters, first buys. Pure.
import { describe, expect, it } from "vitest";
import {
  clusterOf,
  type FilingFacts,
  filingFacts,
  isFirstBuy,
  meetsRule,
  type Purchase,
  withPurchase,
} from "../../src/alerts/match.js";
import { ownerHasRole } from "../../src/alerts/roles.js";
import { type AlertRule, parseAlertCommand, ruleId } from "../../src/alerts/rules.js";
import { parseFiling } from "../../src/form4/parse/index.js";
import { summarize } from "../../src/form4/summarize.js";
import { readForm4Fixture } from "../fixtures.js";

function facts(file: string, accession = file.replace(/\.(xml|txt)$/, "")): FilingFacts {
  return filingFacts(summarize(parseFiling(readForm4Fixture(file))), accession);
}

/** A rule as `/form4 alert <text>` makes it. */
function rule(text: string): AlertRule {
  const c = parseAlertCommand(text.split(" "));
  if (c.kind !== "add" || c.spec.kind === "tickers") throw new Error(`not a market rule: ${text}`);
  return { ...c.spec, id: ruleId(c.spec), createdAt: 0, baseline: [] } as AlertRule;
}

const FLWS = "0000921895-25-001190.xml"; // three 10% owners buy $912,659
const TLS = "0000320121-23-000040.xml"; // director buys $598,985
const HBNC = "0001137693-14-000001.txt"; // director buys $20,450
const KTOS = "0001094718-14-000001.txt"; // EVP & CFO buys $14,520
const SNOW = "snow-scarpelli-2022-12-13.xml"; // CFO sells $30.4M
const GOOG = "goog-pichai-2018-09-19.xml"; // "CEO, Google LLC" sells $11.6M
const AAPL = "0000320193-22-000061.txt"; // "SVP, GC and Secretary" sells $4.0M
const TXG = "0001610717-23-000035.txt"; // director sells $1.74M
const AIR = "0001127602-25-001055.txt"; // Senior VP, GC sells $100,355
const MVIS = "mvis-markham-2026-06-08.xml"; // exercise, grant, tax withholding: no P or S

describe("buys and sells by size", () => {
  it("buys over $100k: the large purchases only", () => {
    const r = rule("buys over $100k");
    expect([FLWS, TLS, HBNC, KTOS, SNOW].map((f) => meetsRule(r, facts(f)))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(meetsRule(rule("buys"), facts(HBNC))).toBe(true);
    expect(meetsRule(rule("buys over $20,450"), facts(HBNC))).toBe(true);
    expect(meetsRule(rule("buys over $20,451"), facts(HBNC))).toBe(false);
  });

  it("sells over $1M: sales, not grants or exercises", () => {
    const r = rule("sells over $1M");
    expect([SNOW, GOOG, AAPL, TXG, AIR, MVIS, FLWS].map((f) => meetsRule(r, facts(f)))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("a value no row prices is not 'over $100k'", () => {
    const f = facts(HBNC);
    const unpriced: FilingFacts = {
      ...f,
      purchase: { shares: 1000, value: null, averagePrice: null },
    };
    expect(meetsRule(rule("buys over $100k"), unpriced)).toBe(false);
    expect(meetsRule(rule("buys"), unpriced)).toBe(true);
  });
});

describe("roles", () => {
  it("by ceo,cfo: from the officer title", () => {
    const r = rule("sells over $1M by ceo,cfo");
    expect([SNOW, GOOG, AAPL, TXG].map((f) => meetsRule(r, facts(f)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(meetsRule(rule("buys by cfo"), facts(KTOS))).toBe(true);
    expect(meetsRule(rule("buys by ceo"), facts(KTOS))).toBe(false);
  });

  it("director and 10% from the boxes; president not from Vice President", () => {
    expect(meetsRule(rule("buys by director"), facts(HBNC))).toBe(true);
    expect(meetsRule(rule("buys by director"), facts(FLWS))).toBe(false);
    expect(meetsRule(rule("buys by 10%"), facts(FLWS))).toBe(true);
    const owner = (title: string) => ({ cik: null, name: "X", roles: ["officer" as const], title });
    expect(ownerHasRole(owner("President and COO"), "president")).toBe(true);
    expect(ownerHasRole(owner("President and COO"), "coo")).toBe(true);
    expect(ownerHasRole(owner("Sr. Vice President, Sales"), "president")).toBe(false);
    expect(ownerHasRole(owner("SVP, GC and Secretary"), "cfo")).toBe(false);
    expect(ownerHasRole(owner("Executive Chairman"), "chair")).toBe(true);
    expect(ownerHasRole(owner("Principal Financial Officer"), "cfo")).toBe(true);
  });
});

describe("clusters", () => {
  const buy = (acc: string, owner: string, date: string, value: number | null): Purchase => ({
    accessionNumber: acc,
    ownerCik: owner,
    ownerName: `Insider ${owner}`,
    tradeDate: date,
    value,
    shares: 100,
    url: `https://example.invalid/${acc}`,
  });

  it("a second insider within 7 days makes a cluster, named once by its first purchase", () => {
    const hbnc = facts(HBNC);
    const first: Purchase = {
      accessionNumber: HBNC,
      ownerCik: hbnc.owners[0]?.cik ?? "",
      ownerName: hbnc.owners[0]?.name ?? "",
      tradeDate: hbnc.tradeDate ?? "",
      value: hbnc.purchase?.value ?? null,
      shares: hbnc.purchase?.shares ?? 0,
      url: "",
    };
    expect(first.value).toBe(20_450);
    expect(clusterOf([], first)).toBeNull();
    const again = buy("A2", first.ownerCik, "2014-04-25", 5000);
    // The same insider again is no cluster.
    expect(clusterOf([first], again)).toBeNull();
    const other = buy("B1", "0000000002", "2014-04-29", 10_000);
    const cluster = clusterOf(withPurchase([first], again), other);
    expect(cluster?.key).toBe(HBNC);
    expect(cluster?.insiders.map((i) => i.cik)).toEqual([first.ownerCik, "0000000002"]);
    expect(cluster?.totalValue).toBe(35_450);
    // A third insider later in the chain: the same cluster (same key), so not posted again.
    const third = buy("C1", "0000000003", "2014-05-05", null);
    const bigger = clusterOf([first, again, other], third);
    expect(bigger?.key).toBe(HBNC);
    expect(bigger?.insiders).toHaveLength(3);
    expect(bigger?.unpriced).toBe(1);
  });

  it("more than 7 days apart is two lone buys", () => {
    const a = buy("A", "1", "2024-01-01", 1000);
    const b = buy("B", "2", "2024-01-09", 1000);
    expect(clusterOf([a], b)).toBeNull();
    expect(clusterOf([a], buy("B", "2", "2024-01-08", 1000))?.key).toBe("A");
  });
});

describe("first buys", () => {
  it("first when no earlier filing of the insider bought at the issuer; unknown when cut short", () => {
    const hbnc = facts(HBNC, "0001137693-14-000001");
    expect(isFirstBuy(hbnc, [], true)).toBe(true);
    expect(isFirstBuy(hbnc, [], false)).toBeNull();
    const earlier = {
      accessionNumber: "0001137693-13-000001",
      filedDate: "2013-06-01",
      issuerCik: hbnc.issuerCik,
      bought: true,
    };
    expect(isFirstBuy(hbnc, [earlier], true)).toBe(false);
    // An earlier purchase at another company, or a grant at this one, does not count.
    expect(isFirstBuy(hbnc, [{ ...earlier, issuerCik: "0000000001" }], true)).toBe(true);
    expect(isFirstBuy(hbnc, [{ ...earlier, bought: false }], true)).toBe(true);
    // The filing itself and later ones are not "earlier".
    expect(isFirstBuy(hbnc, [{ ...earlier, accessionNumber: "0001137693-14-000001" }], true)).toBe(
      true,
    );
    expect(isFirstBuy(hbnc, [{ ...earlier, filedDate: "2014-12-01" }], true)).toBe(true);
  });
});
