// The words for a channel the bot cannot post in (src/render/channel-access.ts) and the Home tab's
// row for such a channel (src/render/home.ts).
import { describe, expect, it } from "vitest";
import { POST_PROBLEMS } from "../../src/channel-access.js";
import { blockKitProblems } from "../../src/render/block-limits.js";
import {
  cannotPostFix,
  cannotPostLine,
  cannotPostNow,
  cannotPostWarning,
} from "../../src/render/channel-access.js";
import { homeWatchlistBlocks } from "../../src/render/home.js";

describe("what we say when the bot cannot post in a channel", () => {
  it("says what to do for each of Slack's refusals", () => {
    expect(cannotPostFix("channel_not_found")).toBe("invite me with `/invite @form4`");
    expect(cannotPostFix("not_in_channel")).toBe("invite me with `/invite @form4`");
    expect(cannotPostFix("is_archived")).toBe(
      "it is archived: unarchive it, or set this up in another channel",
    );
  });

  it("the Home line names the channel", () => {
    expect(cannotPostLine("channel_not_found", "<#C0SECRET>")).toBe(
      ":warning: I can't post in <#C0SECRET>: invite me with `/invite @form4`.",
    );
    expect(cannotPostLine("is_archived", "<#C0OLD>")).toBe(
      ":warning: I can't post in <#C0OLD>: it is archived: unarchive it, or set this up in another channel.",
    );
  });

  it("the set-up warning says why and what becomes of the setting", () => {
    expect(cannotPostWarning("channel_not_found", "digest")).toBe(
      ":warning: I can't post in this channel yet (a private channel I am not in): invite me with `/invite @form4`. The setting is saved; once I can post here the digest comes, with every filing since the last one.",
    );
    expect(cannotPostWarning("not_in_channel", "alerts")).toBe(
      ":warning: I can't post in this channel yet (I am not in it): invite me with `/invite @form4`. The alert is saved; once I can post here, the alerts held meanwhile are posted.",
    );
    expect(cannotPostNow("is_archived")).toMatch(
      /^:warning: I can't post in this channel \(archived\): it is archived: unarchive it/,
    );
  });

  it("no text has a raw < that Slack would read as a link", () => {
    for (const problem of POST_PROBLEMS) {
      for (const text of [
        cannotPostWarning(problem, "digest"),
        cannotPostWarning(problem, "alerts"),
        cannotPostNow(problem),
      ]) {
        expect(text).not.toContain("<");
      }
    }
  });
});

describe("the Home tab's row for a channel the bot cannot post in", () => {
  const blocks = homeWatchlistBlocks([
    {
      channel: "C0SECRET",
      tickers: ["ASTI", "TSLA"],
      settings: "Digest: 18:00 America/New_York on market days",
      cannotPost: "channel_not_found",
    },
    { channel: "C0OK", tickers: ["ASTI"], settings: "Digest: off", cannotPost: null },
  ]);
  const json = JSON.stringify(blocks);

  it("warns under the channel's watchlist and settings", () => {
    expect(json).toContain(
      "<#C0SECRET>: *ASTI*, *TSLA*\\nDigest: 18:00 America/New_York on market days\\n:warning: I can't post in <#C0SECRET>: invite me with `/invite @form4`.",
    );
    expect(json).not.toContain("I can't post in <#C0OK>");
  });

  it("has no Digest now or Remove buttons for it; the other channel keeps both", () => {
    expect(json).not.toContain('"value":"C0SECRET');
    expect(json).toContain('"value":"C0OK"');
    expect(json).toContain('"value":"C0OK|ASTI"');
    // The warned channel is one section; the other a section and its actions.
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions"]);
  });

  it("stays within Block Kit's limits", () => {
    expect(blockKitProblems(blocks)).toEqual([]);
  });
});
