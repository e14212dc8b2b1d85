import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bold,
  escapeMrkdwn,
  inertUrls,
  mrkdwnLink,
  truncateMrkdwn,
} from "../../src/render/mrkdwn.js";

describe("escapeMrkdwn", () => {
  it("escapes exactly Slack's three control characters", () => {
    expect(escapeMrkdwn("AT&T")).toBe("AT&amp;T");
    expect(escapeMrkdwn("a < b > c")).toBe("a &lt; b &gt; c");
    expect(escapeMrkdwn('O\'Brien "Jr" café 🌊')).toBe('O\'Brien "Jr" café 🌊');
  });
  it("makes a broadcast mention and a link inert", () => {
    expect(escapeMrkdwn("<!channel>")).toBe("&lt;!channel&gt;");
    expect(escapeMrkdwn("<https://evil|click>")).toBe("&lt;https://evil|click&gt;");
    expect(escapeMrkdwn("<@U024BE7LH>")).toBe("&lt;@U024BE7LH&gt;");
  });
  it("escapes & first, so existing entities stay visible text", () => {
    expect(escapeMrkdwn("&lt;")).toBe("&amp;lt;");
  });
  it("neutralises formatting characters with look-alikes", () => {
    const out = escapeMrkdwn("*bold* _italic_ ~strike~ `code`");
    expect(out).not.toMatch(/[*_~`]/);
    expect(out).toBe("\u2217bold\u2217 \u02cditalic\u02cd \u223cstrike\u223c \u02cbcode\u02cb");
  });
  it("keeps text on one line and never starts a block quote", () => {
    expect(escapeMrkdwn("line one\n> quoted")).toBe("line one &gt; quoted");
    expect(escapeMrkdwn("> quoted").startsWith("&gt;")).toBe(false);
    expect(escapeMrkdwn("> quoted")).toBe("\u00ad&gt; quoted");
  });
  it("leaves no raw control or formatting character in any input", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = escapeMrkdwn(s);
        expect(out).not.toMatch(/[<>*_~`\n\r]/);
        // every & starts one of our entities
        expect(out.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
      }),
    );
  });
});

describe("bold and links", () => {
  it("bolds safe text", () => {
    expect(bold("Trades")).toBe("*Trades*");
    expect(bold("")).toBe("");
  });
  it("links only http(s) URLs, with | and > unable to end the link", () => {
    expect(mrkdwnLink("https://edgar.example/a?b=1&c=2", "ASTI")).toBe(
      "<https://edgar.example/a?b=1&amp;c=2|ASTI>",
    );
    expect(mrkdwnLink("https://x.test/a|b>c", "x")).toBe("<https://x.test/a%7Cb%3Ec|x>");
    expect(mrkdwnLink("javascript:alert(1)", "x")).toBe("x");
  });
});

describe("truncateMrkdwn and inertUrls", () => {
  it("never cuts inside a link; shortens its label and closes its bold", () => {
    const url = "https://www.sec.gov/Archives/edgar/data/1/000000000120000001/x-index.htm";
    const line = `${mrkdwnLink(url, bold("Y".repeat(100)))} sold 1,000 shares`;
    const cut = truncateMrkdwn(line, 60 + url.length);
    expect(cut.length).toBeLessThanOrEqual(60 + url.length);
    expect(cut.startsWith(`<${url}|*YYY`)).toBe(true);
    expect(cut.endsWith("\u2026*>")).toBe(true);
    // A link whose URL alone does not fit is left out, not cut.
    expect(truncateMrkdwn(`sold ${line}`, 20)).toBe("sold\u2026");
    expect(truncateMrkdwn("short", 10)).toBe("short");
  });

  it("keeps a bare URL from being linked in notification text", () => {
    const inert = inertUrls("see https://evil.example and www.evil.example");
    expect(inert).not.toMatch(/https:\/\//);
    expect(inert).not.toMatch(/www\./);
    expect(inert.replace(/\u2060/g, "")).toBe("see https://evil.example and www.evil.example");
  });
});
