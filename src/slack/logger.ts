// The process's logger: pino, in the shape Bolt takes (so Bolt, Socket Mode, our listeners, the
// digest and the alerts share it). One JSON object per line (LOG_FORMAT=json, the default, for log
// collectors), or pino-pretty's human-readable lines (LOG_FORMAT=pretty). Each line carries the
// command / event / channel being handled (src/slack/log-context.ts). Errors are logged with their
// message and cause and, at debug level only, their stack: logs are for people running the bot.
import { type Logger, LogLevel } from "@slack/bolt";
import pino from "pino";
import type { LogLevel as ConfigLogLevel } from "../config.js";
import { logContext } from "./log-context.js";

export const BOLT_LOG_LEVELS: Record<ConfigLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

function errorFields(error: Error, withStack: boolean): Record<string, unknown> {
  return {
    type: error.name,
    message: error.message,
    ...(error.cause instanceof Error ? { cause: error.cause.message } : {}),
    ...(withStack && error.stack ? { stack: error.stack } : {}),
  };
}

/** Turns pino's JSON line into what a person reads (pino-pretty), for LOG_FORMAT=pretty. */
export type Prettifier = (line: string) => string;

/** pino-pretty, loaded only when LOG_FORMAT=pretty asks for it. */
export async function loadPrettifier(colorize: boolean): Promise<Prettifier> {
  const { prettyFactory } = await import("pino-pretty");
  const pretty = prettyFactory({ colorize, ignore: "pid,hostname", translateTime: "SYS:standard" });
  return (line) => pretty(line);
}

/**
 * A logger writing one line per entry to `write` (default: stderr), JSON unless `prettify` is
 * given.
 */
export function createLogger(
  level: ConfigLogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  prettify?: Prettifier,
): Logger {
  let name = "form4";
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ name, ...logContext() }),
    },
    {
      write(chunk: string) {
        const line = chunk.replace(/\n$/, "");
        write(prettify ? prettify(line).replace(/\n$/, "") : line);
      },
    },
  );
  const log =
    (at: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      if (!base.isLevelEnabled(at)) return;
      const withStack = base.isLevelEnabled("debug");
      const error = parts.find((p): p is Error => p instanceof Error);
      const text = parts
        .filter((p) => p !== error)
        .map((p) => (typeof p === "string" ? p : JSON.stringify(p)))
        .join(" ");
      if (error)
        base[at](
          { error: errorFields(error, withStack) },
          text || `${error.name}: ${error.message}`,
        );
      else base[at](text);
    };
  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    setLevel(l) {
      base.level = l;
    },
    getLevel: () => base.level as LogLevel,
    setName(n) {
      name = n;
    },
  };
}
