import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bold, escapeMrkdwn, mrkdwnLink } from "../../src/render/mrkdwn.js";

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
