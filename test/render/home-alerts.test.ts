// The Home tab's alerts (src/render/home.ts): each channel's rules with a "Turn off" button per
// rule and a confirmation, within Slack's limits however many channels and rules there are.
import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { blockKitProblems, LIMITS } from "../../src/render/block-limits.js";
import {
  HOME_ALERT_OFF_ACTION,
  HOME_CHANNELS_SHOWN,
  type HomeAlertChannel,
  homeAlertRuleBlocks,
  homeWatchlistBlocks,
  parseAlertOffValue,
} from "../../src/render/home.js";
import { HOME_EXTRA_BLOCKS, homeView } from "../../src/slack/home.js";

type Button = types.Button;

function buttons(blocks: readonly types.KnownBlock[]): Button[] {
  return blocks.flatMap((b) =>
    b.type === "actions" ? (b.elements.filter((e) => e.type === "button") as Button[]) : [],
  );
}

const rule = (id: string, label: string) => ({ id, label });

describe("the Home tab's alert rules", () => {
  it("one Turn off button per rule, with a confirmation, the value naming channel and rule", () => {
    const blocks = homeAlertRuleBlocks([
      {
        channel: "C0DEALS",
        rules: [
          rule("ticker:DKNG", "DKNG"),
          rule("buys:100000:ceo,cfo", "buys over $100k by ceo,cfo"),
          rule("first-buys", "first-buys"),
        ],
      },
    ]);
    expect(blockKitProblems(blocks, LIMITS.blocksPerView)).toEqual([]);
    expect(JSON.stringify(blocks[1])).toContain(
      "<#C0DEALS>: DKNG · buys over $100k by ceo,cfo · first-buys",
    );
    const [dkng, buys, first] = buttons(blocks);
    expect(dkng?.text.text).toBe("Turn off DKNG");
    expect(dkng?.value).toBe("C0DEALS|ticker:DKNG");
    expect(buys?.value).toBe("C0DEALS|buys:100000:ceo,cfo");
    expect(first?.text.text).toBe("Turn off first-buys");
    // Unique action ids within the block, each matched by the registered pattern.
    const ids = buttons(blocks).map((b) => b.action_id ?? "");
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(HOME_ALERT_OFF_ACTION);
    expect(buys?.confirm).toEqual({
      title: { type: "plain_text", text: "Turn off this alert?" },
      text: {
        type: "plain_text",
        text: 'Stop the "buys over $100k by ceo,cfo" alerts in this channel. Anyone in the channel can turn it on again with /form4 alert buys over $100k by ceo,cfo.',
      },
      confirm: { type: "plain_text", text: "Turn off" },
      deny: { type: "plain_text", text: "Keep" },
    });
    // The value reads back to what the button was drawn for.
    expect(parseAlertOffValue(buys?.value ?? "")).toEqual({
      channel: "C0DEALS",
      ruleId: "buys:100000:ceo,cfo",
    });
    expect(parseAlertOffValue("sells:1000000:10%")).toBeNull();
    expect(parseAlertOffValue("C0X|sells:1000000:10%,director")).toEqual({
      channel: "C0X",
      ruleId: "sells:1000000:10%,director",
    });
    expect(parseAlertOffValue("c0x|clusters")).toBeNull();
    expect(parseAlertOffValue("C0X|clusters|more")).toBeNull();
  });

  it("a long rule's button text is cut to Slack's 75 characters", () => {
    const label = "sells over $1M by ceo,cfo,coo,cto,president,chair,director,officer,10%";
    const blocks = homeAlertRuleBlocks([
      { channel: "C0LONG", rules: [rule(`sells:1000000:${label.slice(18)}`, label)] },
    ]);
    const [b] = buttons(blocks);
    expect(b?.text.text.length).toBe(LIMITS.buttonText);
    expect(b?.text.text.endsWith("…")).toBe(true);
    expect(blockKitProblems(blocks, LIMITS.blocksPerView)).toEqual([]);
  });

  it("a channel the bot cannot post in: its warning and no buttons", () => {
    const blocks = homeAlertRuleBlocks([
      { channel: "C0GONE", rules: [rule("clusters", "clusters")], cannotPost: "is_archived" },
    ]);
    expect(buttons(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain(":warning: I can't post in <#C0GONE>: it is archived");
  });

  it("50 rules in a channel: 25 buttons (an actions block's most), the rest said", () => {
    const rules = Array.from({ length: 50 }, (_, i) => rule(`ticker:T${i}`, `T${i}`));
    const blocks = homeAlertRuleBlocks([{ channel: "C0MANY", rules }]);
    expect(buttons(blocks)).toHaveLength(LIMITS.actionsElements);
    expect(JSON.stringify(blocks)).toContain(
      "…and 25 more rules without a button: `/form4 alerts` there lists them, `/form4 alert off 26` turns one off.",
    );
    // Every rule is still named on the channel's line.
    expect(JSON.stringify(blocks[1])).toContain("T49");
    expect(blockKitProblems(blocks, LIMITS.blocksPerView)).toEqual([]);
  });

  it("more channels than the blocks left: the first ones, then how many more", () => {
    const channels: HomeAlertChannel[] = Array.from({ length: 40 }, (_, i) => ({
      channel: `C0A${i}`,
      rules: [rule("ticker:DKNG", "DKNG")],
    }));
    const blocks = homeAlertRuleBlocks(channels, 28);
    expect(blocks.length).toBeLessThanOrEqual(28);
    // The header, 13 channels of two blocks, the last line.
    expect(buttons(blocks)).toHaveLength(13);
    expect(JSON.stringify(blocks.at(-1))).toContain(
      "… and 27 more channels with alerts: `/form4 alerts` in each",
    );
  });

  it("the whole Home tab stays within 100 blocks with the most watchlists and many alert channels", () => {
    const watchlists = homeWatchlistBlocks(
      Array.from({ length: HOME_CHANNELS_SHOWN + 5 }, (_, i) => ({
        channel: `C0W${i}`,
        tickers: ["AAPL", "TSLA"],
        settings: "Digest: 18:00 America/New_York on market days",
      })),
    );
    const alerts = homeAlertRuleBlocks(
      Array.from({ length: 60 }, (_, i) => ({
        channel: `C0A${i}`,
        rules: Array.from({ length: 50 }, (_, k) => rule(`ticker:T${k}`, `T${k}`)),
      })),
      HOME_EXTRA_BLOCKS - watchlists.length - 1,
    );
    const view = homeView([...watchlists, { type: "divider" }, ...alerts], "A note on top.");
    expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerView);
    expect(blockKitProblems(view.blocks as types.KnownBlock[], LIMITS.blocksPerView)).toEqual([]);
    // The alerts' own line says what was left out, nothing is cut silently.
    expect(JSON.stringify(view.blocks.at(-1))).toContain("more channels with alerts");
    expect(buttons(alerts).length).toBeGreaterThan(0);
  });

  it("no channel has rules: how to add one", () => {
    expect(JSON.stringify(homeAlertRuleBlocks([{ channel: "C0X", rules: [] }]))).toContain(
      "None of your channels has alerts yet",
    );
  });
});
