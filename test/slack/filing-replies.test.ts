import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import {
  type FilingReply,
  filingReply,
  MAX_BLOCKS_PER_MESSAGE,
  packReplies,
} from "../../src/slack/filing-replies.js";
import type { Reply } from "../../src/slack/replies.js";
import { fakeFiling } from "./doubles.js";

function synthetic(name: string, blocks: number): FilingReply {
  const list: types.KnownBlock[] = Array.from({ length: blocks }, (_, i) => ({
    type: "section",
    text: { type: "mrkdwn", text: `${name} block ${i}` },
  }));
  return { full: { text: `${name} headline`, blocks: list }, line: `• ${name} line` };
}

const note: Reply = {
  text: "a note",
  blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: "a note" }] }],
};

describe("packReplies", () => {
  it("puts filings that fit into one message, a divider between them, the note on top", () => {
    const messages = packReplies([synthetic("A", 10), synthetic("B", 10)], 5, note);
    expect(messages).toHaveLength(1);
    const blocks = messages[0]?.blocks ?? [];
    expect(blocks).toHaveLength(1 + 10 + 1 + 10);
    expect(blocks[0]?.type).toBe("context");
    expect(blocks[11]?.type).toBe("divider");
    expect(messages[0]?.text).toBe("a note\nA headline\nB headline");
  });

  it("starts a new message before 50 blocks", () => {
    const messages = packReplies([synthetic("A", 30), synthetic("B", 30), synthetic("C", 19)], 5);
    expect(messages.map((m) => m.blocks.length)).toEqual([30, 30 + 1 + 19]);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
  });

  it("lists the filings beyond the message budget one line each, never dropping one", () => {
    const filings = Array.from({ length: 10 }, (_, i) => synthetic(`F${i}`, 45));
    const messages = packReplies(filings, 4);
    expect(messages).toHaveLength(4);
    expect(messages.slice(0, 3).map((m) => m.blocks.length)).toEqual([45, 45, 45]);
    const last = JSON.stringify(messages[3]);
    expect(last).toContain("7 more filings");
    for (let i = 3; i < 10; i += 1) expect(last).toContain(`F${i} line`);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_MESSAGE);
  });

  it("keeps the note when even one full message has no room", () => {
    const messages = packReplies([synthetic("A", 45), synthetic("B", 45)], 1, note);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toMatch(/^a note/);
    expect(JSON.stringify(messages[0])).toContain("A line");
  });

  it("uses the one Block Kit builder, with a one-line form that links to EDGAR", () => {
    const reply = filingReply(fakeFiling("Misra Ashutosh"));
    expect(JSON.stringify(reply.full.blocks)).toContain("view_on_edgar");
    expect(reply.line).toContain("Ashutosh Misra");
    expect(reply.line).toContain("https://www.sec.gov/Archives/edgar/data/1350102/");
  });
});
