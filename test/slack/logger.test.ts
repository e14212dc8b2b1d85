import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/slack/logger.js";

describe("createLogger", () => {
  it("writes one line per entry at or above its level", () => {
    const lines: string[] = [];
    const logger = createLogger("warn", (l) => lines.push(l));
    logger.debug("d");
    logger.info("i");
    logger.warn("careful", { n: 1 });
    logger.error(new Error("broke"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ WARN \[form4\] careful \{"n":1\}$/);
    expect(lines[1]).toMatch(/ ERROR \[form4\] Error: broke$/);
  });

  it("shows stacks only at debug level", () => {
    const lines: string[] = [];
    const logger = createLogger("info", (l) => lines.push(l));
    logger.error(new Error("broke"));
    logger.setLevel(LogLevel.DEBUG);
    logger.error(new Error("broke again"));
    expect(lines[0]).not.toContain("\n");
    expect(lines[1]).toMatch(/broke again\n\s+at /);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });
});
