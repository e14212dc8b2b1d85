// The /form4 history message and its Details modal: within Slack's limits for any history, filer
// text escaped, the chart shown by its uploaded file id with alt text, every filing linked.
import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { chartAltText } from "../../src/history/chart-spec.js";
import type { History } from "../../src/history/model.js";
import { blockKitProblems, LIMITS } from "../../src/render/block-limits.js";
import {
  HISTORY_DETAILS_ACTION_ID,
  historyMessage,
  historyModal,
} from "../../src/render/history-blocks.js";
import { busyHistory } from "../history/busy-history.js";

type KnownBlock = types.KnownBlock;

const history = busyHistory();
const ctx = {
  windowWords: "12 months",
  chart: { fileId: "F0CHART", altText: chartAltText(history), title: "chart" },
  chartNote: null,
  detailsKey: "key-1",
};

describe("historyMessage", () => {
  it("header, totals, the image by file id, the insiders, Details; within Slack's limits", () => {
    const m = historyMessage(history, ctx);
    expect(blockKitProblems(m.blocks)).toEqual([]);
    expect(m.blocks[0]).toMatchObject({
      type: "header",
      text: { text: "BUSY insiders, last 12 months" },
    });
    expect(m.blocks[2]).toMatchObject({
      type: "image",
      slack_file: { id: "F0CHART" },
      alt_text: ctx.chart.altText,
    });
    const last = m.blocks[m.blocks.length - 1];
    expect(last).toMatchObject({
      type: "actions",
      elements: [
        {
          action_id: HISTORY_DETAILS_ACTION_ID,
          value: "key-1",
          text: { text: "Details: 100 filings read" },
        },
      ],
    });
    const text = JSON.stringify(m.blocks);
    // The largest $ first, as the aggregation orders them.
    expect(text.indexOf("Jeffrey E. Williams")).toBeLessThan(text.indexOf("Sundar Pichai"));
    expect(text).toContain("and 4 more insiders: see Details");
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(m.text).toMatch(/^BUSY insiders, last 12 months\. Net open-market −\$[\d.]+M/);
  });

  it("without the chart it says why, and still fits", () => {
    const m = historyMessage(history, {
      ...ctx,
      chart: null,
      chartNote: "The chart could not be uploaded to Slack.",
    });
    expect(m.blocks.some((b) => b.type === "image")).toBe(false);
    expect(JSON.stringify(m.blocks)).toContain("The chart could not be uploaded to Slack.");
  });

  it("escapes filer text (names, roles) for mrkdwn", () => {
    const hostile: History = {
      ...history,
      insiders: history.insiders.map((i, n) =>
        n === 0
          ? { ...i, name: "<!channel> *Bold* & <https://evil.example|click>", role: "CEO_`x`" }
          : i,
      ),
    };
    const text = JSON.stringify(historyMessage(hostile, ctx).blocks);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<https://evil.example");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("an unpriced share count is said, never $0", () => {
    const unpriced: History = {
      ...history,
      openMarket: { ...history.openMarket, unpricedShares: 200 },
    };
    const text = JSON.stringify(historyMessage(unpriced, ctx).blocks);
    expect(text).toContain("200 shares with no price reported are not in the $");
  });
});

describe("historyModal", () => {
  it("lists every filing read with its EDGAR link, within 100 blocks", () => {
    const view = historyModal(history, "12 months");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems(view.blocks as KnownBlock[])).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const text = JSON.stringify(view.blocks);
    for (const f of history.filings) expect(text).toContain(f.url.replace(/&/g, "&amp;"));
    expect(text).toContain("replaced by its amendment");
    // Every insider, not only the message's ten.
    for (const i of history.insiders) expect(text).toContain(i.name);
  });

  it("300 filings still fit (packed, the insiders given less room before any filing is dropped)", () => {
    const many: History = {
      ...history,
      filings: Array.from({ length: 300 }, (_, n) => ({
        ...(history.filings[n % history.filings.length] as History["filings"][number]),
        accessionNumber: `0009999901-26-${String(n).padStart(6, "0")}`,
      })),
    };
    const view = historyModal(many, "12 months");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view.blocks);
    expect(text.match(/\|Form 4(\/A)? filed /g)).toHaveLength(300);
  });
});
