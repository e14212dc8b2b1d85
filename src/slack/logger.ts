// The process's logger, in the shape Bolt takes (so Bolt, Socket Mode and our listeners share it).
// Errors are logged with their message and, at debug level only, their stack: logs are for people
// running the bot; Slack users never see any of it.
import { type Logger, LogLevel } from "@slack/bolt";
import type { LogLevel as ConfigLogLevel } from "../config.js";

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

export const BOLT_LOG_LEVELS: Record<ConfigLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

function show(part: unknown, withStack: boolean): string {
  if (part instanceof Error) {
    const cause = part.cause instanceof Error ? ` (cause: ${part.cause.message})` : "";
    return withStack && part.stack
      ? `${part.stack}${cause}`
      : `${part.name}: ${part.message}${cause}`;
  }
  return typeof part === "string" ? part : JSON.stringify(part);
}

/** A logger writing one line per entry to `write` (default: stderr). */
export function createLogger(
  level: ConfigLogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  let current = BOLT_LOG_LEVELS[level];
  let name = "form4";
  const log =
    (at: LogLevel) =>
    (...parts: unknown[]) => {
      if (ORDER[at] < ORDER[current]) return;
      const text = parts.map((p) => show(p, current === LogLevel.DEBUG)).join(" ");
      write(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${text}`);
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel(l) {
      current = l;
    },
    getLevel: () => current,
    setName(n) {
      name = n;
    },
  };
}
