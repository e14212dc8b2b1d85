import { describe, expect, it } from "vitest";
import { isDigestCommand, parseCommandText } from "../../src/slack/command-text.js";

describe("parseCommandText", () => {
  it("reads a ticker with the default count of 5, upper-cased", () => {
    expect(parseCommandText("asti")).toEqual({
      kind: "ticker",
      ticker: "ASTI",
      count: 5,
      note: null,
    });
    expect(parseCommandText("  ASTI  ")).toEqual({
      kind: "ticker",
      ticker: "ASTI",
      count: 5,
      note: null,
    });
  });

  it("reads a count from 1 to 10", () => {
    expect(parseCommandText("ASTI 1")).toMatchObject({ kind: "ticker", count: 1, note: null });
    expect(parseCommandText("ASTI 10")).toMatchObject({ kind: "ticker", count: 10, note: null });
  });

  it("caps a count over 10 at 10 and says so instead of refusing", () => {
    const c = parseCommandText("ASTI 25");
    expect(c).toMatchObject({ kind: "ticker", ticker: "ASTI", count: 10 });
    expect(c.kind === "ticker" && c.note).toMatch(/10/);
  });

  it("refuses a count of 0, a negative or a non-number, saying what was wrong", () => {
    expect(parseCommandText("ASTI 0")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/at least 1/),
    });
    expect(parseCommandText("ASTI -2")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/"-2"/),
    });
    expect(parseCommandText("ASTI lots")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/"lots"/),
    });
    expect(parseCommandText("ASTI 2.5")).toMatchObject({ kind: "help" });
  });

  it("reads class-share tickers", () => {
    expect(parseCommandText("brk.b")).toMatchObject({ kind: "ticker", ticker: "BRK.B" });
    expect(parseCommandText("BRK-B 2")).toMatchObject({
      kind: "ticker",
      ticker: "BRK-B",
      count: 2,
    });
  });

  it("reads help, and empty text as help with a hint", () => {
    expect(parseCommandText("help")).toEqual({ kind: "help", problem: null });
    expect(parseCommandText("HELP")).toEqual({ kind: "help", problem: null });
    expect(parseCommandText("")).toMatchObject({ kind: "help", problem: expect.any(String) });
  });

  it("passes EDGAR links and accession numbers through as typed", () => {
    const link =
      "https://www.sec.gov/Archives/edgar/data/1350102/000135010207000099/0001350102-07-000099-index.htm";
    expect(parseCommandText(link)).toEqual({ kind: "filing", target: link });
    expect(parseCommandText("0001179110-07-016964")).toEqual({
      kind: "filing",
      target: "0001179110-07-016964",
    });
    expect(parseCommandText("000117911007016964")).toEqual({
      kind: "filing",
      target: "000117911007016964",
    });
    expect(
      parseCommandText("sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=1350102"),
    ).toMatchObject({
      kind: "filing",
    });
  });

  it("unwraps a link Slack escaped (<url|label>, &amp;)", () => {
    const url = "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=1350102";
    expect(parseCommandText(`<${url.replace("&", "&amp;")}|sec.gov/cgi-bin/…>`)).toEqual({
      kind: "filing",
      target: url,
    });
    expect(parseCommandText(`<${url.replace("&", "&amp;")}>`)).toEqual({
      kind: "filing",
      target: url,
    });
  });

  it("refuses anything else with the offending text quoted", () => {
    expect(parseCommandText("what is this")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/"is this"/),
    });
    expect(parseCommandText("ASTI 3 4")).toMatchObject({ kind: "help" });
    expect(parseCommandText("0001179110-07-016964 extra")).toMatchObject({ kind: "help" });
    expect(parseCommandText("<!channel>")).toMatchObject({
      kind: "help",
      problem: expect.stringContaining("<!channel>"),
    });
  });

  it("reads watch and unwatch with tickers as typed (spaces or commas), any case", () => {
    expect(parseCommandText("watch ASTI TSLA")).toEqual({
      kind: "watch",
      tickers: ["ASTI", "TSLA"],
    });
    expect(parseCommandText("WATCH asti, $tsla,brk.b")).toEqual({
      kind: "watch",
      tickers: ["asti", "$tsla", "brk.b"],
    });
    expect(parseCommandText("unwatch ASTI")).toEqual({ kind: "unwatch", tickers: ["ASTI"] });
    expect(parseCommandText("watch")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/Name the tickers to watch/),
    });
    expect(parseCommandText("unwatch  ")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/Name the tickers to unwatch/),
    });
  });

  it("reads watchlist, and digest alone as the watchlist (it shows the settings)", () => {
    expect(parseCommandText("watchlist")).toEqual({ kind: "watchlist" });
    expect(parseCommandText("Watchlist")).toEqual({ kind: "watchlist" });
    expect(parseCommandText("digest")).toEqual({ kind: "watchlist" });
    expect(parseCommandText("watchlist ASTI")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/\/form4 watch ASTI/),
    });
  });

  it("reads digest at with the time and zone as typed, 'pm' as a word of its own too", () => {
    expect(parseCommandText("digest at 18:00")).toEqual({
      kind: "digestAt",
      time: "18:00",
      timeZone: null,
    });
    expect(parseCommandText("digest at 08:30 Europe/London")).toEqual({
      kind: "digestAt",
      time: "08:30",
      timeZone: "Europe/London",
    });
    expect(parseCommandText("Digest AT 6:30 pm America/Chicago")).toEqual({
      kind: "digestAt",
      time: "6:30 pm",
      timeZone: "America/Chicago",
    });
    // Not validated here: the digest says what is wrong with a time or zone in its own words.
    expect(parseCommandText("digest at 25:00 Moon/Base")).toEqual({
      kind: "digestAt",
      time: "25:00",
      timeZone: "Moon/Base",
    });
    expect(parseCommandText("digest at")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/Say when/),
    });
    expect(parseCommandText("digest at 18:00 Europe/London please")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/one time zone/),
    });
  });

  it("reads digest off, on, now and market on|off", () => {
    expect(parseCommandText("digest off")).toEqual({ kind: "digestOff" });
    expect(parseCommandText("digest on")).toEqual({ kind: "digestOn" });
    expect(parseCommandText("digest NOW")).toEqual({ kind: "digestNow" });
    expect(parseCommandText("digest market on")).toEqual({ kind: "digestMarket", on: true });
    expect(parseCommandText("digest market OFF")).toEqual({ kind: "digestMarket", on: false });
    expect(parseCommandText("digest market")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/digest market on or digest market off/),
    });
    expect(parseCommandText("digest now please")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/"please" after digest now/),
    });
    expect(parseCommandText("digest weekly")).toMatchObject({
      kind: "help",
      problem: expect.stringMatching(/"weekly" is not a digest setting/),
    });
  });

  it("tells digest subcommands from lookups", () => {
    for (const text of ["watch ASTI", "unwatch ASTI", "watchlist", "digest now", "digest at 9am"])
      expect(isDigestCommand(parseCommandText(text))).toBe(true);
    for (const text of ["ASTI", "0001179110-07-016964", "help", "watchers"])
      expect(isDigestCommand(parseCommandText(text))).toBe(false);
  });
});
