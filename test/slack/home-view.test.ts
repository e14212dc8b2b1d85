// The Home tab never has more blocks than Slack takes (it would refuse the whole view): a person in
// many watched channels with many alert channels gets the first ones and a line saying so.
import type { types } from "@slack/bolt";
import { expect, it } from "vitest";
import { blockKitProblems, LIMITS } from "../../src/render/block-limits.js";
import { homeWatchlistBlocks } from "../../src/render/home.js";
import { homeView } from "../../src/slack/home.js";

const channels = Array.from({ length: 40 }, (_, i) => ({
  channel: `C0${i}`,
  tickers: ["AAPL", "TSLA"],
  settings: "Digest at 18:00 America/New_York",
}));
const alertRows = Array.from({ length: 40 }, (_, i) => ({
  type: "section" as const,
  text: { type: "mrkdwn" as const, text: `<#C0${i}>: DKNG` },
}));

it("many channels: within the Home tab's blocks, the cut said", () => {
  const extra = [
    ...homeWatchlistBlocks(channels),
    { type: "divider" as const },
    { type: "header" as const, text: { type: "plain_text" as const, text: "Real-time alerts" } },
    ...alertRows,
  ];
  const view = homeView(extra, "Done.");
  expect(view.blocks).toHaveLength(LIMITS.blocksPerView);
  expect(blockKitProblems(view.blocks as types.KnownBlock[], LIMITS.blocksPerView)).toEqual([]);
  expect(JSON.stringify(view.blocks.at(-1))).toContain("More channels than the Home tab can show");
});

it("a few channels: every block, nothing said", () => {
  const view = homeView(homeWatchlistBlocks(channels.slice(0, 2)));
  expect(view.blocks.length).toBeLessThan(LIMITS.blocksPerView);
  expect(JSON.stringify(view.blocks)).not.toContain("More channels than");
});
