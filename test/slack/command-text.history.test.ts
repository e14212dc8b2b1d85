import { describe, expect, it } from "vitest";
import { isDigestCommand, parseCommandText } from "../../src/slack/command-text.js";

describe("/form4 history", () => {
  it("reads the ticker and the window (default 12 months)", () => {
    expect(parseCommandText("history asti")).toEqual({
      kind: "history",
      ticker: "ASTI",
      months: 12,
    });
    expect(parseCommandText("history ASTI 3m")).toEqual({
      kind: "history",
      ticker: "ASTI",
      months: 3,
    });
    expect(parseCommandText("HISTORY brk.b 2y")).toEqual({
      kind: "history",
      ticker: "BRK.B",
      months: 24,
    });
    expect(isDigestCommand(parseCommandText("history ASTI"))).toBe(false);
  });

  it("says what is wrong, in words", () => {
    expect(parseCommandText("history")).toMatchObject({
      kind: "help",
      problem: expect.stringContaining("Name the company"),
    });
    expect(parseCommandText("history ASTI 7x")).toMatchObject({
      kind: "help",
      problem: expect.stringContaining('"7x" is not a window: say 3m, 6m, 1y or 2y'),
    });
    expect(parseCommandText("history ASTI 3m more")).toMatchObject({ kind: "help" });
    expect(parseCommandText("history $$$")).toMatchObject({
      kind: "help",
      problem: expect.stringContaining("is not a ticker"),
    });
  });
});
