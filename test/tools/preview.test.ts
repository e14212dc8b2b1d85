import { describe, expect, it } from "vitest";
import { blockToHtml, mrkdwnToHtml, surfaceHtml } from "../../tools/preview/slack-html.js";
import { previews } from "../../tools/preview/surfaces.js";

describe("the preview's Slack-like HTML", () => {
  it("renders mrkdwn as Slack does: bold, italic, links, entities, line breaks; filer text stays text", () => {
    expect(mrkdwnToHtml("🔴 *$21,858* *ASTI* sold")).toBe("🔴 <b>$21,858</b> <b>ASTI</b> sold");
    expect(mrkdwnToHtml("_and 3 more_")).toBe("<i>and 3 more</i>");
    expect(mrkdwnToHtml("<https://www.sec.gov/a?b=1&amp;c=2|Form 4>")).toBe(
      '<a href="https://www.sec.gov/a?b=1&amp;c=2">Form 4</a>',
    );
    expect(mrkdwnToHtml("SVP &amp; Affairs\nline 2")).toBe("SVP &amp; Affairs<br>line 2");
    // An escaped "<script>" from a filing is shown, never run.
    expect(mrkdwnToHtml("&lt;script&gt;")).toBe("&lt;script&gt;");
    expect(mrkdwnToHtml("<#C0INSIDERS>")).toBe('<span class="mention">#C0INSIDERS</span>');
    // Emoji shortcodes as Slack shows them, but not inside code.
    expect(mrkdwnToHtml(":warning: I can't post `:warning:` :nope:")).toBe(
      "⚠️ I can't post <code>:warning:</code> :nope:",
    );
  });

  it("lays out every block kind we send, and names any other instead of dropping it", () => {
    const section = blockToHtml({
      type: "section",
      text: { type: "mrkdwn", text: "*x*" },
      accessory: { type: "button", text: { type: "plain_text", text: "Details" }, action_id: "a" },
    });
    expect(section).toContain('<div class="accessory"><span class="button">Details</span></div>');
    expect(blockToHtml({ type: "context", elements: [{ type: "mrkdwn", text: "a" }] })).toBe(
      '<div class="context"><span>a</span></div>',
    );
    expect(blockToHtml({ type: "divider" })).toBe('<hr class="divider">');
    expect(blockToHtml({ type: "header", text: { type: "plain_text", text: "<b>" } })).toBe(
      '<div class="header">&lt;b&gt;</div>',
    );
    expect(blockToHtml({ type: "table" })).toContain("[table block]");
  });

  it("builds a page for every surface of every preview, each with the element to measure", () => {
    const all = previews();
    const names = all.map((p) => p.name);
    for (const want of [
      "card-seed",
      "details-seed",
      "unfurl-seed",
      "list-aapl",
      "digest-1",
      "home",
    ]) {
      expect(names).toContain(want);
    }
    for (const p of all) {
      const html = surfaceHtml(p.surface);
      expect(html).toContain('id="surface"');
      expect(html).not.toContain("[unknown");
      expect(html).not.toMatch(/block\]<\/div>/);
    }
  });
});
