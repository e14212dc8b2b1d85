import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { blockKitProblems, messageProblems } from "../../src/render/block-limits.js";

type KnownBlock = types.KnownBlock;

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

describe("blockKitProblems", () => {
  it("accepts a small valid message", () => {
    expect(
      blockKitProblems([
        { type: "header", text: { type: "plain_text", text: "Title" } },
        section("hello"),
        { type: "divider" },
        { type: "context", elements: [{ type: "mrkdwn", text: "small" }] },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "a",
              text: { type: "plain_text", text: "Go" },
              url: "https://x.test",
            },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it("reports each broken limit", () => {
    const fields = Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "f" }));
    const problems = blockKitProblems([
      { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
      section("s".repeat(3001)),
      section(""),
      { type: "section", fields },
      { type: "section", fields: [{ type: "mrkdwn", text: "x".repeat(2001) }] },
      {
        type: "context",
        elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "c" })),
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: "a",
            text: { type: "plain_text", text: "b".repeat(76) },
            url: `https://x.test/${"u".repeat(3000)}`,
          },
        ],
      },
    ]);
    expect(problems).toEqual([
      "block 0 (header): text is 151 characters (max 150)",
      "block 1 (section): text is 3001 characters (max 3000)",
      "block 2 (section): text is empty",
      "block 3 (section): 11 fields (1 to 10)",
      "block 4 (section) field 0: text is 2001 characters (max 2000)",
      "block 5 (context): 11 elements (1 to 10)",
      "block 6 (actions) button 0 text: text is 76 characters (max 75)",
      "block 6 (actions) button 0: url is 3015 characters (max 3000)",
    ]);
  });

  it("counts blocks and requires plain_text headers", () => {
    const many = Array.from({ length: 51 }, () => section("x"));
    expect(blockKitProblems(many)).toEqual(["message has 51 blocks (max 50)"]);
    expect(blockKitProblems([])).toEqual(["message has no blocks"]);
    expect(
      blockKitProblems([
        {
          type: "header",
          text: { type: "mrkdwn", text: "x" } as unknown as types.PlainTextElement,
        },
      ]),
    ).toEqual(["block 0 (header): must be plain_text"]);
  });

  it("checks the fallback text of a message", () => {
    expect(messageProblems({ text: "", blocks: [section("x")] })).toEqual([
      "message text (fallback) is empty",
    ]);
    expect(messageProblems({ text: "t".repeat(4001), blocks: [section("x")] })).toEqual([
      "message text is 4001 characters (max 4000)",
    ]);
    expect(messageProblems({ text: "ok", blocks: [section("x")] })).toEqual([]);
  });
});
