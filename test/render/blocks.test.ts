import type { types } from "@slack/bolt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_EDGAR_WWW_URL } from "../../src/config.js";
import type { Summary } from "../../src/form4/summary.js";
import { messageProblems } from "../../src/render/block-limits.js";
import {
  digestLine,
  summaryMessage,
  summaryUnfurlBlocks,
  VIEW_ON_EDGAR_ACTION_ID,
} from "../../src/render/blocks.js";
import { buildSummary, derivative, groupOf, seedSummary, transaction } from "./build-summary.js";

type KnownBlock = types.KnownBlock;
const URL = `${DEFAULT_EDGAR_WWW_URL}/Archives/edgar/data/1350102/000117911007016964/`;

interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
  verbatim?: boolean;
}

/** Every text object in the blocks, wherever it sits. */
function textObjects(blocks: readonly KnownBlock[]): TextObject[] {
  const found: TextObject[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") {
        found.push(o as unknown as TextObject);
      } else Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

function mrkdwnText(blocks: readonly KnownBlock[]): string {
  return textObjects(blocks)
    .filter((t) => t.type === "mrkdwn")
    .map((t) => t.text)
    .join("\n");
}

describe("summaryMessage for the seed filing", () => {
  const message = summaryMessage(seedSummary(), { url: URL });
  const all = mrkdwnText(message.blocks);

  it("fits Block Kit and has a fallback text", () => {
    expect(messageProblems(message)).toEqual([]);
  });

  it("leads with a one-glance headline", () => {
    const expected =
      "Ashutosh Misra (SVP Operations &amp; Corp. Affairs) sold 1,500 ASTI shares at avg $16.81 (over the 1,300 priced shares)";
    expect(message.text).toBe(expected);
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Ascent Solar Technologies, Inc. (ASTI) \u00b7 Form 4" },
    });
    expect(message.blocks[1]).toMatchObject({ type: "section", text: { text: `*${expected}*` } });
  });

  it("groups the trades with average, range, value, date and the inferred rest", () => {
    expect(all).toContain(
      "*Open-market sale* (S) \u00b7 1,500 shares \u00b7 avg $16.81 (range $16.76\u2013$16.96) over 1,300 priced shares \u00b7 value $21,858 \u00b7 Nov 13, 2007 \u00b7 5 rows \u00b7 10b5-1 plan",
    );
    expect(all).toContain("200 shares inferred from holdings change, price not reported");
    expect(all).toContain(
      "Nov 13, 2007 \u00b7 S \u00b7 \u2212200 (inferred) \u00b7 price not reported",
    );
  });

  it("says the 10b5-1 plan, holdings after and what is still held", () => {
    expect(all).toContain(
      "Rule 10b5-1 trading plan (per footnote): adopted Jun 22, 2007, 144 days before the first trade",
    );
    expect(all).toContain("Common Stock: 42,800 direct");
    expect(all).toContain("4,000 Class B Warrants (from footnote)");
    expect(all).toContain("25,000 Options to purchase common stock (vested; from footnote)");
    expect(all).toContain("5,000 Options to purchase common stock (unvested; from footnote)");
    expect(all).toContain("Filed Nov 14, 2007 (1 business day after the trade)");
  });

  it("ends with a View on EDGAR button", () => {
    expect(message.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: VIEW_ON_EDGAR_ACTION_ID,
          text: { type: "plain_text", text: "View on EDGAR" },
          url: URL,
        },
      ],
    });
    expect(VIEW_ON_EDGAR_ACTION_ID).toBe("view_on_edgar");
  });

  it("sends every mrkdwn text verbatim (no auto-linking or mention parsing)", () => {
    for (const t of textObjects(message.blocks).filter((x) => x.type === "mrkdwn")) {
      expect(t.verbatim).toBe(true);
    }
  });
});

describe("text from a filing cannot ping, link or format", () => {
  const hostile = buildSummary({
    issuer: { cik: null, name: "Evil & Co <!here>", ticker: "<!channel>" },
    owners: [
      { cik: null, name: "<!channel>", roles: ["officer"], title: "<https://evil|click> *boss*" },
      {
        cik: null,
        name: "<https://evil.example|Click here>",
        roles: ["officer"],
        title: "<https://evil|click> *boss*",
      },
    ],
    transactions: [
      transaction({ security: "_Common_ <@U123>", nature: "<!everyone>", ownership: "I" }),
      transaction({ security: "`Pref`", shares: 5 }),
    ],
    holdingsAfter: [{ security: "R&D Stock", ownership: "I", nature: "<!subteam^S1>", shares: 5 }],
    derivativesHeld: [derivative({ security: "~Option~ <#C1|general>", shares: 1, note: "*x*" })],
    warnings: ["row 2: <!channel> & friends"],
  });
  const message = summaryMessage(hostile, { url: URL });
  const mrkdwn = `${message.text}\n${mrkdwnText(message.blocks)}`;

  it("leaves no control sequence in mrkdwn", () => {
    expect(mrkdwn).not.toContain("<");
    expect(mrkdwn).not.toContain(">");
    expect(mrkdwn).toContain("&lt;!channel&gt;");
    expect(mrkdwn).toContain("&lt;https://evil|click&gt;");
    expect(mrkdwn).toContain("&lt;https://evil.example|Click here&gt;");
    expect(mrkdwn).toContain("&lt;!everyone&gt;");
  });

  it("keeps & visible as &amp;", () => {
    expect(mrkdwn).toContain("R&amp;D Stock");
    expect(mrkdwn).toContain("&amp; friends");
    expect(mrkdwn.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
  });

  it("neutralises the filer's formatting characters (ours stay)", () => {
    expect(mrkdwn).toContain("\u2217boss\u2217");
    expect(mrkdwn).toContain("\u02cbPref\u02cb");
    expect(mrkdwn).not.toMatch(/[_`~]\w/);
  });

  it("keeps plain_text literal (Slack does not parse it)", () => {
    const header = message.blocks.find((b) => b.type === "header");
    expect(header).toMatchObject({ text: { type: "plain_text" } });
    expect(messageProblems(message)).toEqual([]);
  });
});

/** 80 rows: 60 sales on 3 days, 12 buys, 8 grants; each sale its own price. */
function eightyRows(): Summary {
  const sales = Array.from({ length: 60 }, (_, i) =>
    transaction({
      date: `2024-03-${String(11 + (i % 3)).padStart(2, "0")}`,
      shares: 100 + i,
      price: 20 + i / 100,
      sharesOwnedAfter: 100_000 - i * 100,
      plan10b51: true,
    }),
  );
  const buys = Array.from({ length: 12 }, (_, i) =>
    transaction({
      code: "P",
      acquiredDisposed: "A",
      date: "2024-03-14",
      shares: 50,
      price: 19 + i / 10,
    }),
  );
  const grants = Array.from({ length: 8 }, () =>
    transaction({ code: "A", acquiredDisposed: "A", date: "2024-03-15", shares: 1000, price: 0 }),
  );
  const transactions = [...sales, ...buys, ...grants];
  return buildSummary({
    issuer: { cik: null, name: "Big Seller Inc", ticker: "BIG" },
    owners: [{ cik: null, name: "SELLER SAMUEL", roles: ["director"], title: null }],
    transactions,
    groups: [
      groupOf(sales),
      groupOf(buys, { description: "open-market purchase" }),
      groupOf(grants, { description: "grant or award" }),
    ],
  });
}

describe("a filing with 80 rows", () => {
  const message = summaryMessage(eightyRows(), { url: URL });
  const all = mrkdwnText(message.blocks);

  it("summarizes by groups and lists only the first rows", () => {
    expect(messageProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(all).toContain("*Open-market sale* (S) \u00b7 7,770 shares");
    expect(all).toContain("60 rows");
    expect(all).toContain("_and 70 more rows_");
    expect(all.match(/ \u00b7 holds /g)?.length).toBe(10);
  });

  it("phrases two kinds of trades in the headline and counts the rest", () => {
    expect(message.text).toMatch(
      /^Samuel Seller \(Director\) sold 7,770 BIG shares at avg \$\d+\.\d\d and bought 600 shares at avg \$19\.\d\d, and 1 other kind of trade$/,
    );
  });
});

describe("any filing fits Slack's limits", () => {
  const words = (n: number, w = "word") => Array.from({ length: n }, () => w).join(" ");
  const huge = buildSummary({
    issuer: { cik: null, name: words(500, "Issuer"), ticker: "HUGE" },
    owners: Array.from({ length: 30 }, (_, i) => ({
      cik: null,
      name: `${words(200, "Name")} ${i}`,
      roles: ["director" as const],
      title: words(300, "Title"),
    })),
    transactions: Array.from({ length: 400 }, (_, i) =>
      transaction({ security: `${words(100, "Security")} ${i}`, nature: words(50) }),
    ),
    groups: Array.from({ length: 120 }, (_, i) =>
      groupOf([transaction({ code: `J${i}` })], { description: words(200, "describing") }),
    ),
    holdingsAfter: Array.from({ length: 300 }, (_, i) => ({
      security: `${words(60, "Held")} ${i}`,
      ownership: "I" as const,
      nature: words(60, "By"),
      shares: i,
    })),
    derivativesHeld: Array.from({ length: 300 }, () => derivative({ security: words(80, "Opt") })),
    warnings: Array.from({ length: 200 }, () => words(800, "warning")),
  });

  it("never breaks a limit, even for absurd input", () => {
    const message = summaryMessage(huge, { url: `${DEFAULT_EDGAR_WWW_URL}/${"x".repeat(4000)}` });
    expect(messageProblems(message)).toEqual([]);
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it("cuts long text on a word boundary with …", () => {
    const message = summaryMessage(huge, { url: URL });
    const header = message.blocks.find((b) => b.type === "header") as types.HeaderBlock;
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text).toMatch(/ Issuer\u2026 \(HUGE\) \u00b7 Form 4$/);
    for (const t of textObjects(message.blocks)) {
      expect(t.text).not.toMatch(/\b(?:Issue|Nam|Titl|describin|Securit)\u2026/);
    }
    expect(mrkdwnText(message.blocks)).toContain("_and 197 more warnings_");
  });
});

describe("prices", () => {
  it("shows penny-stock prices precisely", () => {
    const rows = [
      transaction({ shares: 1_000_000, price: 0.0042 }),
      transaction({ shares: 500_000, price: 0.0051 }),
    ];
    const message = summaryMessage(buildSummary({ transactions: rows }), { url: null });
    const all = mrkdwnText(message.blocks);
    expect(message.text).toContain("sold 1,500,000 EXM shares at avg $0.0045");
    expect(all).toContain("range $0.0042\u2013$0.0051");
    expect(all).toContain("$0.0042 \u00b7 holds");
    expect(all).toContain("value $6,750");
  });

  it("tells a stated $0 from an unknown price", () => {
    const grant = [transaction({ code: "A", acquiredDisposed: "A", shares: 500, price: 0 })];
    const sale = [transaction({ shares: 300, price: null })];
    const summary = buildSummary({
      transactions: [...grant, ...sale],
      groups: [groupOf(grant, { description: "grant or award" }), groupOf(sale)],
    });
    const message = summaryMessage(summary, { url: null });
    const all = mrkdwnText(message.blocks);
    expect(message.text).toBe(
      "Ashutosh Misra (SVP Operations &amp; Corp. Affairs) was granted 500 EXM shares and sold 300 shares, price not reported",
    );
    expect(all).toContain(
      "*Grant or award* (A) \u00b7 500 shares \u00b7 $0.00 \u00b7 Nov 13, 2007",
    );
    expect(all).toContain(
      "*Open-market sale* (S) \u00b7 300 shares \u00b7 price not reported \u00b7 Nov 13, 2007",
    );
    expect(all).not.toMatch(/300 shares \u00b7 \$0/);
  });
});

describe("message variants", () => {
  it("marks a cached copy when EDGAR is down", () => {
    const message = summaryMessage(seedSummary(), { url: URL, stale: true });
    expect(message.blocks[0]).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "\u26a0 EDGAR is not answering; this is a cached copy.",
          verbatim: true,
        },
      ],
    });
    expect(message.text).toContain("EDGAR is not answering; this is a cached copy");
  });

  it("marks an amendment with the original date, and shows the accession", () => {
    const summary = buildSummary({ formType: "4/A", dateOfOriginalSubmission: "2021-12-16" });
    const all = mrkdwnText(summaryMessage(summary, { url: URL }).blocks);
    expect(all).toContain("Form 4/A: amends the filing of Dec 16, 2021");
    expect(all).toContain("Accession 0001234567-07-000001");
  });

  it("counts an amendment's timeliness from the original filing", () => {
    const onTime = buildSummary({
      formType: "4/A",
      dateOfOriginalSubmission: "2021-12-16",
      filedDate: "2022-01-20",
      lateFiling: { businessDays: 2, late: false },
    });
    const all = mrkdwnText(summaryMessage(onTime, { url: URL }).blocks);
    expect(all).toContain(
      "Form 4/A: amends the filing of Dec 16, 2021 (2 business days after the trade)",
    );
    expect(all).toContain("Filed Jan 20, 2022\n");
    const late = buildSummary({ ...onTime, lateFiling: { businessDays: 4, late: true } });
    expect(mrkdwnText(summaryMessage(late, { url: URL }).blocks)).toContain(
      "\u26a0 The original Form 4 was filed late: 4 business days after the trade",
    );
  });

  it("has no button without a usable URL", () => {
    for (const url of [null, "javascript:alert(1)", "ftp://x.test/a"]) {
      const message = summaryMessage(seedSummary(), { url });
      expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
      expect(messageProblems(message)).toEqual([]);
    }
  });

  it("warns about a trade inside the cooling-off period and about late filing", () => {
    const summary = buildSummary({
      plan10b51: {
        used: true,
        source: "checkbox",
        adoptionDate: "2024-01-02",
        daysToFirstTrade: 30,
        coolingOffDays: 90,
        inCoolingOff: true,
        evidence: null,
      },
      lateFiling: { businessDays: 5, late: true },
    });
    const all = mrkdwnText(summaryMessage(summary, { url: URL }).blocks);
    expect(all).toContain(
      "Rule 10b5-1 trading plan (box checked): adopted Jan 2, 2024, 30 days before the first trade \u26a0 inside the 90-day cooling-off period",
    );
    expect(all).toContain(
      "\u26a0 Filed late: 5 business days after the trade (a Form 4 is due within 2)",
    );
  });

  it("says when the 10b5-1 box was left unchecked", () => {
    const summary = buildSummary({
      plan10b51: {
        ...seedSummary().plan10b51,
        used: false,
        source: "checkbox",
        adoptionDate: null,
      },
    });
    expect(mrkdwnText(summaryMessage(summary, { url: URL }).blocks)).toContain(
      "Not marked as made under a Rule 10b5-1 plan (box not checked)",
    );
  });

  it("collapses many warnings", () => {
    const summary = buildSummary({ warnings: ["one", "two", "three", "four", "five"] });
    const all = mrkdwnText(summaryMessage(summary, { url: URL }).blocks);
    expect(all).toContain("*\u26a0 Warnings*\none\ntwo\nthree\n_and 2 more warnings_");
  });

  it("shortens joint filers in the headline and names every one of them below it", () => {
    const owners = ["Pale Fire Capital SE", "Senkypl Dusan", "Barta Jan", "Fund A", "Fund B"].map(
      (name) => ({ cik: null, name, roles: ["tenPercentOwner" as const], title: null }),
    );
    const message = summaryMessage(
      buildSummary({
        owners,
        transactions: [
          transaction({ code: "P", acquiredDisposed: "A", shares: 10_000, price: 3.5 }),
        ],
      }),
      { url: URL },
    );
    expect(message.text).toBe(
      "Pale Fire Capital SE and 4 others (10% owner) bought 10,000 EXM shares at $3.50",
    );
    const all = mrkdwnText(message.blocks);
    expect(all).toContain(
      "*Filed jointly by*\nPale Fire Capital SE (10% owner)\nDusan Senkypl (10% owner)\nJan Barta (10% owner)\nFund A (10% owner)\nFund B (10% owner)",
    );
  });

  it("names no joint-filer list for a single filer", () => {
    const all = mrkdwnText(summaryMessage(seedSummary(), { url: URL }).blocks);
    expect(all).not.toContain("Filed jointly by");
  });

  it("says 'at least' when a row's shares are unknown, and never counts them as 0", () => {
    const summary = buildSummary({
      transactions: [
        transaction({ code: "S", acquiredDisposed: "D", shares: 800, price: 16.88 }),
        transaction({ code: "S", acquiredDisposed: "D", shares: null, price: null }),
      ],
    });
    const message = summaryMessage(summary, { url: URL });
    expect(message.text).toBe(
      "Ashutosh Misra (SVP Operations &amp; Corp. Affairs) sold at least 800 EXM shares at $16.88 (over the 800 priced shares)",
    );
    const all = mrkdwnText(message.blocks);
    expect(all).toContain("at least 800 shares");
    expect(all).toContain("1 row with shares not stated (not counted; see warnings)");
  });

  it("phrases a holdings-only filing", () => {
    const summary = buildSummary({
      transactions: [],
      groups: [],
      holdingsAfter: [{ security: "Common Stock", ownership: "D", nature: null, shares: 10 }],
    });
    expect(summaryMessage(summary, { url: URL }).text).toBe(
      "Ashutosh Misra (SVP Operations &amp; Corp. Affairs) reported holdings only (no trades)",
    );
  });
});

describe("unfurl and digest", () => {
  it("unfurls with the same content but no button", () => {
    const blocks = summaryUnfurlBlocks(seedSummary());
    expect(blocks.some((b) => b.type === "actions")).toBe(false);
    expect(messageProblems({ text: "x", blocks })).toEqual([]);
    expect(mrkdwnText(blocks)).toContain("sold 1,500 ASTI shares");
  });

  it("gives one digest entry: who, what, how much, avg price, 10b5-1, holdings after", () => {
    expect(digestLine(seedSummary(), URL)).toBe(
      `<${URL}|*ASTI*> Ashutosh Misra (SVP Operations &amp; Corp. Affairs) sold 1,500 ASTI shares at avg $16.81 (over the 1,300 priced shares)\n    10b5-1 plan \u00b7 holds 42,800 directly after`,
    );
  });

  it("keeps a digest entry inert and short", () => {
    const summary = buildSummary({
      issuer: { cik: null, name: "<!channel>", ticker: null },
      owners: [{ cik: null, name: "<!here> ".repeat(500), roles: [], title: null }],
    });
    const line = digestLine(summary, null);
    expect(line).not.toMatch(/[<>]/);
    expect(line.length).toBeLessThanOrEqual(1500);
  });
});

describe("property: any text, any counts", () => {
  const text = fc.string({ unit: "binary", maxLength: 400 });
  it("always fits Slack's limits and never lets filer text out of its escaping", () => {
    fc.assert(
      fc.property(
        fc.record({
          issuer: text,
          ticker: fc.option(text),
          owners: fc.array(fc.record({ name: text, title: fc.option(text) }), { maxLength: 8 }),
          securities: fc.array(text, { minLength: 1, maxLength: 90 }),
          nature: fc.option(text),
          warnings: fc.array(text, { maxLength: 12 }),
          price: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
        }),
        (r) => {
          const rows = r.securities.map((security) =>
            transaction({ security, nature: r.nature, ownership: "I", price: r.price }),
          );
          const summary = buildSummary({
            issuer: { cik: null, name: r.issuer, ticker: r.ticker },
            owners: r.owners.map((o) => ({
              cik: null,
              name: o.name,
              roles: ["officer"],
              title: o.title,
            })),
            transactions: rows,
            groups: rows
              .slice(0, 20)
              .map((row) => groupOf([row], { description: row.security ?? "" })),
            holdingsAfter: r.securities.map((security) => ({
              security,
              ownership: "I" as const,
              nature: r.nature,
              shares: 1,
            })),
            derivativesHeld: r.securities.map((security) =>
              derivative({ security, note: r.nature }),
            ),
            warnings: r.warnings,
          });
          const message = summaryMessage(summary, { url: URL, stale: true });
          expect(messageProblems(message)).toEqual([]);
          for (const t of [message.text, mrkdwnText(message.blocks)]) {
            expect(t).not.toMatch(/[<>]/);
            expect(t.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
          }
          // The one link is ours; its label and everything after it are inert.
          const line = digestLine(summary, URL);
          expect(line.startsWith(`<${URL}|`)).toBe(true);
          expect(line.slice(URL.length + 2).replace(">", "")).not.toMatch(/[<>]/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
