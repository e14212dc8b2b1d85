import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { contextOfBody, withLogContext } from "../../src/slack/log-context.js";
import { createLogger, loadPrettifier } from "../../src/slack/logger.js";

type Line = Record<string, unknown> & { level: string; msg: string; time: string };

function jsonLogger(level: "debug" | "info" | "warn" | "error") {
  const lines: string[] = [];
  const logger = createLogger(level, (l) => lines.push(l));
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Line) };
}

describe("createLogger (pino, JSON lines)", () => {
  it("writes one JSON object per line at or above its level", () => {
    const { logger, lines, parsed } = jsonLogger("warn");
    logger.debug("d");
    logger.info("i");
    logger.warn("careful", { n: 1 });
    logger.error(new Error("broke"));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => !l.includes("\n"))).toBe(true);
    const [warn, error] = parsed();
    expect(warn).toMatchObject({ level: "warn", name: "form4", msg: 'careful {"n":1}' });
    expect(new Date(warn?.time ?? "").toISOString()).toBe(warn?.time);
    expect(error).toMatchObject({
      level: "error",
      msg: "Error: broke",
      error: { type: "Error", message: "broke" },
    });
  });

  it("shows stacks only at debug level, and an error's cause always", () => {
    const { logger, parsed } = jsonLogger("info");
    logger.error("Posting failed", new Error("broke", { cause: new Error("socket hang up") }));
    logger.setLevel(LogLevel.DEBUG);
    logger.error(new Error("broke again"));
    const [first, second] = parsed();
    expect(first).toMatchObject({ msg: "Posting failed", error: { cause: "socket hang up" } });
    expect((first?.error as { stack?: string } | undefined)?.stack).toBeUndefined();
    expect((second?.error as { stack?: string } | undefined)?.stack).toMatch(/broke again\n\s+at /);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });

  it("adds the command / event / channel being handled to every line logged while handling it", async () => {
    const { logger, parsed } = jsonLogger("info");
    const body = {
      command: "/form4",
      team_id: "T0ONE",
      channel_id: "C0DESK",
      user_id: "U0ANALYST",
      text: "watch ASTI",
    };
    await withLogContext(contextOfBody(body), async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info("watching");
    });
    const event = {
      team_id: "T0TWO",
      event: { type: "link_shared", channel: "C0LINKS", user: "U1" },
    };
    withLogContext(contextOfBody(event), () => logger.warn("no unfurl"));
    logger.info("outside");
    const [inCommand, inEvent, outside] = parsed();
    expect(inCommand).toMatchObject({
      command: "/form4",
      team: "T0ONE",
      channel: "C0DESK",
      user: "U0ANALYST",
    });
    expect(inEvent).toMatchObject({ event: "link_shared", team: "T0TWO", channel: "C0LINKS" });
    expect(outside?.channel).toBeUndefined();
  });

  it("LOG_FORMAT=pretty: human-readable lines (pino-pretty), not JSON", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", (l) => lines.push(l), await loadPrettifier(false));
    withLogContext({ command: "/form4", channel: "C0DESK" }, () => logger.info("watching ASTI"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/INFO.*watching ASTI/);
    expect(lines[0]).toContain("C0DESK");
    expect(() => JSON.parse(lines[0] ?? "")).toThrow();
  });
});
