// The getcurrent Atom feed, read from the recorded sample and from the stand-in's live feed.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentFeedCheck } from "../../src/edgar/checks.js";
import { feedFilingRef, parseCurrentFeed, readCurrentFeed } from "../../src/edgar/current-feed.js";
import { EdgarError } from "../../src/edgar/errors.js";
import { currentFeedPath, FEED_PAGE_SIZE } from "../../src/edgar/links.js";
import { createEdgarStack } from "../../src/edgar/stack.js";
import { API_DIR } from "../fixtures.js";
import { type EdgarStandIn, startEdgarStandIn } from "../stand-ins/edgar.js";

const SAMPLE = readFileSync(`${API_DIR}getcurrent-type4-2025-12-12.atom.xml`, "latin1");

describe("parseCurrentFeed", () => {
  it("merges each filing's Issuer and Reporting entries into one, newest first", () => {
    const page = parseCurrentFeed(SAMPLE);
    expect(page.entries).toBe(100);
    // 100 entries, each filing listed at least twice.
    expect(page.filings.length).toBeLessThanOrEqual(50);
    expect(page.filings.length).toBeGreaterThan(30);
    const first = page.filings[0];
    expect(first).toEqual({
      accessionNumber: "0002063236-25-000004",
      form: "4",
      issuer: { cik: "0001673743", name: "Hinge Health, Inc." },
      owners: [{ cik: "0002063236", name: "Perez Daniel Antonio" }],
      filedDate: "2025-12-12",
      acceptedAt: "2025-12-12T18:02:43-05:00",
      url: "https://www.sec.gov/Archives/edgar/data/1673743/000206323625000004/0002063236-25-000004-index.htm",
    });
    expect(new Set(page.filings.map((f) => f.accessionNumber)).size).toBe(page.filings.length);
    const royal = page.filings.find((f) => f.accessionNumber === "0001572985-25-000003");
    expect(royal?.issuer?.name).toBe("ROYAL GOLD INC");
    expect(feedFilingRef(royal as never)).toEqual({
      accessionNumber: "0001572985-25-000003",
      cik: "0000085535",
      form: "4",
      filedDate: "2025-12-12",
      primaryDocument: "0001572985-25-000003.txt",
    });
  });

  it("keeps only Form 4 and 4/A entries (the all-forms feed has others)", () => {
    const other = readFileSync(`${API_DIR}getcurrent-latest-2023-08-15.atom.xml`, "utf8");
    expect(parseCurrentFeed(other).filings).toEqual([]);
  });

  it("refuses what is not the feed (an HTML error page) with EDGAR's error", () => {
    expect(() => parseCurrentFeed("<html><body>Too many requests</body></html>")).toThrow(
      EdgarError,
    );
  });

  it("names the page by start=", () => {
    expect(currentFeedPath(0)).toBe(
      "/cgi-bin/browse-edgar?action=getcurrent&type=4&owner=include&count=100&output=atom",
    );
    expect(currentFeedPath(200)).toContain("&start=200&");
  });
});

describe("readCurrentFeed against the stand-in", () => {
  let edgar: EdgarStandIn;
  beforeAll(async () => {
    edgar = await startEdgarStandIn();
  });
  afterAll(async () => {
    await edgar?.close();
  });

  it("pages with start= while a whole page is new, and returns the new filings oldest first", async () => {
    const { client } = createEdgarStack({ config: edgar.config });
    const first = await readCurrentFeed(client, null);
    expect(first.pages).toBe(1);
    expect(first.fresh).toEqual([]);
    const seen = new Set(first.listed.map((f) => f.accessionNumber));
    // 60 filings (120 entries): more than a page is new.
    const published = ["0001137693-14-000001", "0001094718-14-000001"];
    for (const acc of published) edgar.feed.publish(acc);
    for (let i = 0; i < 58; i++) edgar.feed.publish(published[i % 2] as string);
    const before = edgar.requests.length;
    const read = await readCurrentFeed(client, (a) => seen.has(a));
    expect(read.pages).toBe(2);
    expect(edgar.requests.slice(before).map((r) => r.path)).toEqual([
      currentFeedPath(0),
      currentFeedPath(FEED_PAGE_SIZE),
    ]);
    expect(read.fresh.map((f) => f.accessionNumber).sort()).toEqual([...published].sort());
    const hbnc = read.fresh.find((f) => f.accessionNumber === "0001137693-14-000001");
    expect(hbnc?.issuer?.cik).toBe("0000706129");
    expect(hbnc?.owners[0]?.name).toMatch(/SWINEHART/i);
  });

  it("a feed answered with a 200 HTML page, or cut short, is retried: the next whole feed is read", async () => {
    const { client } = createEdgarStack({ config: edgar.config, backoffMs: 10 });
    const whole = (await client.get(client.wwwUrl(currentFeedPath(0)), 0)).body;
    edgar.fault(/getcurrent/, { kind: "html200", times: 1 });
    const cut = whole.slice(0, Math.floor(whole.length / 2));
    edgar.fault(/getcurrent/, {
      kind: "body",
      body: cut,
      contentType: "application/atom+xml",
      times: 1,
    });
    const before = edgar.requests.length;
    const read = await readCurrentFeed(client, null);
    expect(edgar.requests.length - before).toBe(3);
    expect(read.stale).toBe(false);
    expect(read.listed).toEqual(parseCurrentFeed(whole).filings);
  });
});

describe("currentFeedCheck", () => {
  it("takes a whole feed, an empty one too; refuses an HTML page and a cut feed", () => {
    const empty =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>\n';
    expect(currentFeedCheck(empty, "")).toBe("cache");
    expect(() => currentFeedCheck("<!DOCTYPE html><html><body>Error</body></html>", "")).toThrow(
      /HTML page/,
    );
    expect(() => currentFeedCheck(empty.slice(0, 60), "")).toThrow(/not a whole Atom feed/);
  });
});
