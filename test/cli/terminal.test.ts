import { describe, expect, it } from "vitest";
import { showProgress, wantsColor } from "../../src/cli/terminal.js";

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true };
const off = { color: false, noColor: false };

describe("wantsColor", () => {
  it("is on for a terminal, off for a pipe, NO_COLOR and TERM=dumb; the flags win", () => {
    expect(wantsColor(off, {}, tty)).toBe(true);
    expect(wantsColor(off, {}, pipe)).toBe(false);
    expect(wantsColor(off, { NO_COLOR: "1" }, tty)).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(wantsColor(off, { NO_COLOR: "" }, tty)).toBe(true);
    expect(wantsColor(off, { TERM: "dumb" }, tty)).toBe(false);
    expect(wantsColor({ color: true, noColor: false }, { NO_COLOR: "1" }, pipe)).toBe(true);
    expect(wantsColor({ color: false, noColor: true }, {}, tty)).toBe(false);
  });
});

describe("showProgress", () => {
  it("writes nothing when stderr is not a terminal", async () => {
    let written = "";
    const p = showProgress({ write: (s: string) => (written += s) }, "x", { delayMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    p.stop();
    expect(written).toBe("");
  });

  it("on a terminal: nothing for a quick lookup; a line, updated, then erased for a slow one", async () => {
    let written = "";
    const stream = { write: (s: string) => (written += s), isTTY: true };
    showProgress(stream, "quick", { delayMs: 50 }).stop();
    await new Promise((r) => setTimeout(r, 80));
    expect(written).toBe("");

    const slow = showProgress(stream, "looking up ASTI", { delayMs: 5, intervalMs: 10 });
    await new Promise((r) => setTimeout(r, 60));
    slow.stop();
    const draws = written.split("\r\u001b[2K").filter((s) => s !== "");
    expect(draws.length).toBeGreaterThan(1);
    expect(draws.every((d) => d.startsWith("form4: looking up ASTI\u2026"))).toBe(true);
    expect(written.endsWith("\r\u001b[2K")).toBe(true);
  });
});
