import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import {
  buildDigest,
  type DigestFiling,
  filingValue,
  LINES_PER_TICKER,
  orderFilings,
  type TickerDigest,
} from "../../src/digest/digest.js";
import { formatClock } from "../../src/digest/time.js";
import type { FormType } from "../../src/form4/model.js";
import type { Summary } from "../../src/form4/summary.js";
import { blockKitProblems } from "../../src/render/block-limits.js";
import { fixtureSummary, nyTime } from "./scripted-edgar.js";

let serial = 0;
function filing(fixture: string, over: Partial<Summary> = {}, form: FormType = "4"): DigestFiling {
  serial++;
  const accessionNumber = `0000000099-20-${String(serial).padStart(6, "0")}`;
  return {
    ref: {
      accessionNumber,
      cik: "0000000001",
      form,
      filedDate: "2020-11-24",
      primaryDocument: null,
    },
    url: `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1/${accessionNumber.replace(/-/g, "")}/${accessionNumber}-index.htm`,
    summary: { ...fixtureSummary(fixture), ...over, formType: form },
    problem: null,
  };
}

function ticker(t: string, filings: DigestFiling[], error: string | null = null): TickerDigest {
  return {
    ticker: t,
    name: `${t} Inc.`,
    companyUrl: `${DEFAULT_EDGAR_WWW_URL}/cgi-bin/browse-edgar?action=getcompany&CIK=${t}`,
    filings,
    error,
  };
}

const since = nyTime("2020-11-23 18:00");
const now = nyTime("2020-11-24 18:00");
const tz = "America/New_York";

describe("digest content", () => {
  it("a quiet day is one line", () => {
    const messages = buildDigest({
      tickers: [ticker("ASTI", []), ticker("TSLA", [])],
      since,
      now,
      timeZone: tz,
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toBe("No insider filings for ASTI, TSLA since Mon Nov 23 18:00.");
    expect(messages[0]?.blocks).toHaveLength(1);
    expect(messages[0]?.covers).toEqual([]);
  });

  it("orders per insider, largest value first, and marks amendments", () => {
    // Hogan sold $8.87M (one filing) and amended a small one; Schaufeld bought $599k.
    const hogan = fixtureSummary("msft-hogan-2024-03-11.xml");
    expect(filingValue(hogan)).toBeCloseTo(8_869_076.32, 2);
    expect(filingValue(fixtureSummary("0000320121-23-000040.xml"))).toBeCloseTo(598_984.52, 2);
    const hoganBig = filing("msft-hogan-2024-03-11.xml");
    const hoganSmall = filing(
      "msft-hogan-2024-03-11.xml",
      { groups: hogan.groups.map((g) => ({ ...g, value: 1000 })) },
      "4/A",
    );
    const schaufeld = filing("0000320121-23-000040.xml");
    const ordered = orderFilings([schaufeld, hoganSmall, hoganBig]);
    // Hogan's filings stay together (one insider, the larger total), largest first.
    expect(ordered).toEqual([hoganBig, hoganSmall, schaufeld]);
    const [message] = buildDigest({
      tickers: [ticker("MSFT", [schaufeld, hoganSmall, hoganBig])],
      since,
      now,
      timeZone: tz,
    });
    const text = JSON.stringify(message?.blocks);
    expect(text.indexOf(hoganBig.url)).toBeLessThan(text.indexOf(hoganSmall.url));
    expect(text.indexOf(hoganSmall.url)).toBeLessThan(text.indexOf(schaufeld.url));
    expect(text).toContain("amendment");
    expect(message?.text).toContain("3 Form 4 filings since Mon Nov 23 18:00");
  });

  it("fits Slack's limits however busy the day, and covers every filing exactly once", () => {
    const fixtures = [
      "msft-hogan-2024-03-11.xml",
      "0001209191-22-024552.xml",
      "0001127602-15-028697.xml",
      "goog-pichai-2018-09-19.xml",
    ];
    const tickers = Array.from({ length: 50 }, (_, i) =>
      ticker(
        `T${i}`,
        Array.from({ length: i % 7 === 0 ? 80 : 3 }, (_, k) =>
          filing(fixtures[(i + k) % fixtures.length] ?? ""),
        ),
      ),
    );
    tickers.push(ticker("DOWN", [], "EDGAR did not answer after 4 tries (HTTP 503)"));
    tickers.push(ticker("QUIET", []));
    const messages = buildDigest({ tickers, since, now, timeZone: tz });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(blockKitProblems(m.blocks)).toEqual([]);
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(m.text.length).toBeLessThanOrEqual(4000);
    }
    const covered = messages.flatMap((m) => m.covers.map((c) => c.ref.accessionNumber));
    const all = tickers.flatMap((t) => t.filings.map((f) => f.ref.accessionNumber));
    expect(covered.sort()).toEqual(all.sort());
    // Busy tickers show LINES_PER_TICKER lines in full and the rest as "and N more" links.
    const text = messages.map((m) => JSON.stringify(m.blocks)).join("");
    expect(text).toContain(`and ${80 - LINES_PER_TICKER} more filings`);
    expect(text).toContain("DOWN");
    expect(text).toContain("Its filings will be in the next digest");
    expect(text).toContain("Nothing new for *QUIET*");
    expect(messages[1]?.text).toMatch(/\(2 of \d+\)/);
  });

  it("reports unreadable filings with their link and why", () => {
    const bad: DigestFiling = {
      ...filing("msft-hogan-2024-03-11.xml"),
      summary: null,
      problem: "The XML ends in the middle of <nonDerivativeTable>",
    };
    const [message] = buildDigest({
      tickers: [ticker("ASTI", [bad])],
      since: null,
      now,
      timeZone: tz,
    });
    const text = JSON.stringify(message?.blocks);
    expect(text).toContain(
      "could not be read: The XML ends in the middle of &lt;nonDerivativeTable&gt;",
    );
    expect(text).toContain(bad.url);
    expect(message?.text).toContain("since they were added");
    expect(message?.covers.map((c) => c.ref.accessionNumber)).toEqual([bad.ref.accessionNumber]);
  });

  it("records another issuer's filings with the first message without showing them", () => {
    const shown = filing("msft-hogan-2024-03-11.xml");
    const other = filing("msft-hogan-2024-03-11.xml");
    const messages = buildDigest({
      tickers: [{ ...ticker("ASTI", [shown]), ignored: [other.ref] }],
      since,
      now,
      timeZone: tz,
    });
    expect(messages[0]?.covers.map((c) => c.ref.accessionNumber)).toEqual([
      shown.ref.accessionNumber,
      other.ref.accessionNumber,
    ]);
    expect(JSON.stringify(messages[0]?.blocks)).not.toContain(other.ref.accessionNumber);
  });
});

describe("filings already posted as real-time alerts", () => {
  const lineOf = (json: string, url: string) => {
    const at = json.indexOf(url);
    return json.slice(json.lastIndexOf("\\n", at), json.indexOf("\\n", at + url.length));
  };

  it("marks the alerted line with the time in the channel's zone, and no other line", () => {
    const alerted = {
      ...filing("msft-hogan-2024-03-11.xml"),
      alertedAt: nyTime("2020-11-24 14:02"),
    };
    const plain = filing("0000320121-23-000040.xml");
    const yesterday = {
      ...filing("goog-pichai-2018-09-19.xml"),
      alertedAt: nyTime("2020-11-23 18:05"),
    };
    const [message] = buildDigest({
      tickers: [ticker("MSFT", [alerted, plain, yesterday])],
      since,
      now,
      timeZone: tz,
    });
    const json = JSON.stringify(message?.blocks);
    expect(lineOf(json, alerted.url)).toContain("\u26a1 alerted 14:02");
    expect(lineOf(json, yesterday.url)).toContain("\u26a1 alerted Mon 18:05");
    expect(lineOf(json, plain.url)).not.toContain("alerted");
    expect(json.match(/alerted/g)).toHaveLength(2);
    // In London the same alert is at 19:02.
    const [london] = buildDigest({
      tickers: [ticker("MSFT", [alerted])],
      since,
      now,
      timeZone: "Europe/London",
    });
    expect(JSON.stringify(london?.blocks)).toContain("\u26a1 alerted 19:02");
  });

  it("the alert's time: of the day, of the week, or with its date", () => {
    expect(formatClock(nyTime("2020-11-24 00:05"), tz, now)).toBe("00:05");
    expect(formatClock(nyTime("2020-11-23 23:59"), tz, now)).toBe("Mon 23:59");
    expect(formatClock(nyTime("2020-11-19 09:00"), tz, now)).toBe("Thu 09:00");
    expect(formatClock(nyTime("2020-11-17 09:00"), tz, now)).toBe("Nov 17 09:00");
  });

  it("an unreadable filing that was alerted is marked too", () => {
    const bad: DigestFiling = {
      ...filing("msft-hogan-2024-03-11.xml"),
      summary: null,
      problem: "The XML ends early",
      alertedAt: nyTime("2020-11-24 09:30"),
    };
    const [message] = buildDigest({ tickers: [ticker("ASTI", [bad])], since, now, timeZone: tz });
    expect(JSON.stringify(message?.blocks)).toMatch(
      /could not be read: The XML ends early · ⚡ alerted 09:30/,
    );
  });

  it("a line at the 1,500-character budget keeps its mark within it, its link whole", () => {
    const long = "X".repeat(2000);
    const f = {
      ...filing("msft-hogan-2024-03-11.xml", {
        issuer: { cik: "1", name: "Long Inc.", ticker: long },
      }),
      alertedAt: nyTime("2020-11-24 14:02"),
    };
    const plain = filing("msft-hogan-2024-03-11.xml", {
      issuer: { cik: "1", name: "Long Inc.", ticker: long },
    });
    for (const [g, marked] of [
      [f, true],
      [plain, false],
    ] as const) {
      const [message] = buildDigest({ tickers: [ticker("LONG", [g])], since, now, timeZone: tz });
      expect(blockKitProblems(message?.blocks ?? [])).toEqual([]);
      const line =
        (message?.blocks[2] as { text?: { text?: string } } | undefined)?.text?.text ?? "";
      expect(line.length).toBeLessThanOrEqual(1500);
      expect(line.endsWith(" \u00b7 \u26a1 alerted 14:02")).toBe(marked);
    }
  });

  it("filings past the shown lines carry the mark in their short link label", () => {
    const many = Array.from({ length: LINES_PER_TICKER + 2 }, (_, i) => ({
      ...filing("msft-hogan-2024-03-11.xml", {
        groups: fixtureSummary("msft-hogan-2024-03-11.xml").groups.map((g) => ({
          ...g,
          value: 1000 - i,
        })),
      }),
      alertedAt: i === LINES_PER_TICKER + 1 ? nyTime("2020-11-24 10:00") : null,
    }));
    const [message] = buildDigest({ tickers: [ticker("MSFT", many)], since, now, timeZone: tz });
    const json = JSON.stringify(message?.blocks);
    expect(json).toContain("and 2 more filings");
    expect(json).toMatch(/Hogan, Nov 24 ⚡>/);
    expect(json.match(/⚡/g)).toHaveLength(1);
  });
});

describe("hostile tickers and filer text in the digest", () => {
  const links = (text: string) => text.match(/<[^<>]*>/g) ?? [];

  it("a line too long for 1,500 characters is never cut inside its link", () => {
    // A ticker the length of a line: the link's label is what must give.
    const long = "X".repeat(2000);
    const f = filing("msft-hogan-2024-03-11.xml", {
      issuer: { cik: "1", name: "Long Inc.", ticker: long },
    });
    const [message] = buildDigest({ tickers: [ticker(long, [f])], since, now, timeZone: tz });
    // Not reduced to the last-resort list: the lines themselves fit.
    expect(JSON.stringify(message?.blocks)).not.toContain("Filings: ");
    expect(blockKitProblems(message?.blocks ?? [])).toEqual([]);
    for (const block of message?.blocks ?? []) {
      const text = (block as { text?: { text?: string } }).text?.text ?? "";
      // Every "<" opens a link that closes, with its URL whole and its bold closed.
      expect((text.match(/</g) ?? []).length).toBe(links(text).length);
      for (const link of links(text)) {
        const label = link.slice(link.indexOf("|") + 1, -1);
        expect((label.match(/\*/g) ?? []).length % 2).toBe(0);
      }
    }
    // The filing's link survives whole (the ticker stands once, on the heading, cut there).
    expect(JSON.stringify(message?.blocks)).toContain(`<${f.url}|Form 4>`);
  });

  it("puts the ticker into the notification text escaped, and a filer's bare URL unlinked", () => {
    const f = filing("msft-hogan-2024-03-11.xml");
    const [message] = buildDigest({
      tickers: [ticker("<!channel>*", [f])],
      since,
      now,
      timeZone: tz,
    });
    expect(message?.text).not.toContain("<!channel>");
    expect(message?.text).toContain("&lt;!channel&gt;");
    const [quiet] = buildDigest({
      tickers: [{ ...ticker("ASTI", []), name: "x" }],
      since,
      now,
      timeZone: tz,
    });
    expect(quiet?.text).not.toMatch(/https?:\/\//);
  });
});
