// What the CLI does differently on a terminal: colour by default (never when piped or with
// NO_COLOR), and a progress line on stderr while EDGAR is slow (only when stderr is a terminal, so
// logs and pipes never get carriage returns).

/** A stream the CLI writes to; `isTTY` as Node's process.stdout / process.stderr have it. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ColorFlags {
  /** `--color`: colour even when piped or with NO_COLOR. */
  color: boolean;
  /** `--no-color` */
  noColor: boolean;
}

type Env = Record<string, string | undefined>;

/** https://no-color.org: NO_COLOR set to anything but "" turns colour off; a flag says otherwise. */
export function wantsColor(flags: ColorFlags, env: Env, stdout: OutputStream): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if ((env.NO_COLOR ?? "") !== "") return false;
  if (env.TERM === "dumb") return false;
  return stdout.isTTY === true;
}

export interface Progress {
  /** Clears the line (if it was shown). Call once the lookup is over, before printing. */
  stop(): void;
}

export interface ProgressOptions {
  /** Lookups quicker than this show nothing. */
  delayMs?: number;
  /** How often the elapsed seconds are updated. */
  intervalMs?: number;
}

/** Long enough that a cached lookup shows nothing, short enough that nobody wonders. */
export const PROGRESS_DELAY_MS = 400;

const CLEAR_LINE = "\r\u001b[2K";

/**
 * "form4: looking up ASTI on EDGAR… 3 s" on stderr, rewritten in place every second while a lookup
 * runs, and erased when it ends. Nothing at all when stderr is not a terminal.
 */
export function showProgress(
  stderr: OutputStream,
  label: string,
  options: ProgressOptions = {},
): Progress {
  if (stderr.isTTY !== true) return { stop() {} };
  const started = Date.now();
  let shown = false;
  let interval: ReturnType<typeof setInterval> | null = null;
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    stderr.write(`${CLEAR_LINE}form4: ${label}\u2026${seconds > 0 ? ` ${seconds} s` : ""}`);
    shown = true;
  };
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, options.intervalMs ?? 1000);
    interval.unref();
  }, options.delayMs ?? PROGRESS_DELAY_MS);
  delay.unref();
  return {
    stop() {
      clearTimeout(delay);
      if (interval) clearInterval(interval);
      if (shown) stderr.write(CLEAR_LINE);
      shown = false;
    },
  };
}
