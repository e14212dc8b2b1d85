// The only code that talks to SEC EDGAR: GET with the SEC's User-Agent, one shared rate limit,
// retries with backoff through 429/5xx/resets/timeouts and bodies that are not what the URL serves
// (checks.ts), a size cap, only EDGAR's own hosts, EDGAR's throttle block (throttle.ts), per-ask
// deadlines, and a cache that also answers (marked stale) when EDGAR does not.

import { setTimeout as sleep } from "node:timers/promises";
import Keyv from "keyv";
import { LRUCache } from "lru-cache";
import type { EdgarConfig } from "../config.js";
import { decodeFilingBytes } from "../form4/decode.js";
import { bodyWeight, type CachedBody, type EdgarCache, keyvEdgarCache } from "./cache.js";
import { BadBody, type BodyCheck, type BodyVerdict } from "./checks.js";
import { EdgarError, isPassing } from "./errors.js";
import { type RequestLimiter, type RequestPriority, sharedRequestLimiter } from "./limiter.js";
import {
  isThrottlePage,
  sharedThrottleGate,
  THROTTLE_BLOCK_MS,
  type ThrottleGate,
  waitText,
} from "./throttle.js";

/** How long a cached answer counts as fresh. Filings never change; lists do. */
export const FOREVER = Number.POSITIVE_INFINITY;
export const TICKER_MAP_FRESH_MS = 24 * 60 * 60 * 1000;
export const FILING_LIST_FRESH_MS = 60 * 1000;

export interface EdgarResponse {
  url: string;
  body: string;
  /** true when EDGAR failed and this is an older cached copy. */
  stale: boolean;
  /** true when no request was made. */
  fromCache: boolean;
  /** When EDGAR gave this body (ms, the client's clock). */
  fetchedAt: number;
}

/** How one ask wants its answer. */
export interface GetOptions {
  /** What the body must be (checks.ts); a body that fails it is an EDGAR failure, retried. */
  check?: BodyCheck;
  /** 403 means "not there yet": EDGAR's answer for a daily index it has not published. */
  forbiddenMeansMissing?: boolean;
  /**
   * By when (epoch ms, this client's clock) the asker needs an answer: then the cached copy
   * (marked stale) or EdgarError("unavailable"), whatever EDGAR is doing. The request itself goes
   * on and fills the cache for the next ask. Absent: wait for the retries to end.
   */
  deadline?: number | null;
  /**
   * Whose request goes first at the 10-a-second limiter. Default: "interactive" when the ask has a
   * deadline (a person waits), else "background".
   */
  priority?: RequestPriority;
}

export interface EdgarClientOptions {
  config: EdgarConfig;
  /** Where answers are kept (cache.ts: compressed, bounded by age); a keyv is taken as it is. */
  cache: EdgarCache | Keyv;
  /** Recent bodies kept in memory in front of the cache, in bytes. Default 32 MB. */
  hotBytes?: number;
  /** Clock for cache freshness and Retry-After dates. */
  now?: () => number;
  /** Per attempt, from sending the request to the last byte. Default 15 s. */
  timeoutMs?: number;
  /** Largest body read. Default 25 MB (the biggest submissions pages are a few MB). */
  maxBytes?: number;
  /** Tries after the first. Default 3. */
  retries?: number;
  /** First backoff; it doubles per try, with jitter. Default 500 ms. */
  backoffMs?: number;
  /**
   * Longest wait between tries, Retry-After included. Default 10 minutes: Retry-After is honoured
   * in full (an ask with a deadline stops waiting at its deadline).
   */
  maxWaitMs?: number;
  /** Defaults to the process-wide limiter for these hosts (10 per second). */
  limiter?: RequestLimiter;
  /** Where EDGAR's throttle block is recorded; defaults to the process-wide gate for these hosts. */
  gate?: ThrottleGate;
  fetch?: typeof globalThis.fetch;
  random?: () => number;
  /** How the client waits between tries (tests record the waits instead). */
  sleep?: (ms: number) => Promise<unknown>;
}

/** A request under way, and the priority of the most urgent of those waiting for it. */
interface InFlight {
  request: Promise<Downloaded>;
  priority: RequestPriority;
}

/** An ask's priority: as given, else interactive when it has a deadline (a person waits). */
function priorityOfAsk(options: GetOptions): RequestPriority {
  return options.priority ?? (options.deadline == null ? "background" : "interactive");
}

/** What one request brought back. */
interface Downloaded {
  body: string;
  fetchedAt: number;
}

interface Checked {
  body: string;
  verdict: BodyVerdict;
}

const MAX_REDIRECTS = 3;

/** A failure worth another try (429, 5xx, reset, timeout, cut-short or wrong body). */
class RetryableFailure extends Error {
  readonly retryAfterMs: number | null;
  constructor(problem: string, retryAfterMs: number | null = null) {
    super(problem);
    this.retryAfterMs = retryAfterMs;
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError" || e?.name === "AbortError") {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const code = e?.cause?.code ?? e?.code;
  if (code === "ECONNRESET") return "the connection was reset";
  if (code === "ECONNREFUSED") return "the connection was refused";
  if (code === "UND_ERR_SOCKET") return "the connection was cut";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name did not resolve";
  return code ? `network error ${code}` : "network error";
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}

export class EdgarClient {
  readonly config: EdgarConfig;
  private readonly cache: EdgarCache;
  /** The hot path in memory: the ticker map, the last minute's filing lists, recent filings. */
  private readonly hot: LRUCache<string, CachedBody>;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly limiter: RequestLimiter;
  private readonly gate: ThrottleGate;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<unknown>;
  private readonly allowedOrigins: Set<string>;
  /** Requests under way, by URL: concurrent asks for one URL share one request. */
  /** One request per URL at a time; whoever asks while it runs shares it (and may raise its priority). */
  private readonly inFlight = new Map<string, InFlight>();

  constructor(options: EdgarClientOptions) {
    this.config = options.config;
    this.cache = options.cache instanceof Keyv ? keyvEdgarCache(options.cache) : options.cache;
    this.hot = new LRUCache<string, CachedBody>({
      maxSize: options.hotBytes ?? 32 * 1024 * 1024,
      sizeCalculation: bodyWeight,
    });
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
    this.allowedOrigins = new Set(
      [options.config.wwwUrl, options.config.dataUrl].map((u) => new URL(u).origin),
    );
    this.limiter = options.limiter ?? sharedRequestLimiter([...this.allowedOrigins]);
    this.gate = options.gate ?? sharedThrottleGate([...this.allowedOrigins]);
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleep;
  }

  /** A URL on EDGAR's www host (`path` starts with "/"). */
  wwwUrl(path: string): string {
    return `${this.config.wwwUrl}${path}`;
  }

  /** A URL on EDGAR's data host (`path` starts with "/"). */
  dataUrl(path: string): string {
    return `${this.config.dataUrl}${path}`;
  }

  /** True for URLs on the configured EDGAR hosts, the only ones ever fetched. */
  isAllowed(url: string): boolean {
    try {
      return this.allowedOrigins.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  /** This client's clock (epoch ms): deadlines and freshness are by it. */
  nowMs(): number {
    return this.now();
  }

  /** Is an answer EDGAR gave at `fetchedAt` still fresh for `freshForMs`, by this client's clock? */
  isFresh(fetchedAt: number, freshForMs: number): boolean {
    return this.now() - fetchedAt < freshForMs;
  }

  /**
   * The body at `url`: from the cache while younger than `freshForMs`, else from EDGAR (then
   * cached, when it passes `options.check`). When EDGAR does not answer (in time), throttles us or
   * keeps sending something else, and an older copy is cached, that copy, marked stale.
   */
  async get(url: string, freshForMs: number, options: GetOptions = {}): Promise<EdgarResponse> {
    if (!this.isAllowed(url)) {
      throw new EdgarError("forbiddenHost", `${url} is not on EDGAR; nothing was fetched`);
    }
    const cached = await this.readCache(url);
    if (cached && this.isFresh(cached.fetchedAt, freshForMs)) {
      return { url, body: cached.body, stale: false, fromCache: true, fetchedAt: cached.fetchedAt };
    }
    const priority = priorityOfAsk(options);
    let flight = this.inFlight.get(url);
    if (flight) {
      // A person now waits for what background work asked for: it goes first from here on.
      if (priority === "interactive") flight.priority = "interactive";
    } else {
      const waiting = { priority };
      const request = this.refresh(url, options, () => waiting.priority).finally(() =>
        this.inFlight.delete(url),
      );
      flight = Object.assign(waiting, { request });
      this.inFlight.set(url, flight);
    }
    try {
      const { body, fetchedAt } = await this.byDeadline(
        flight.request,
        options.deadline ?? null,
        url,
      );
      return { url, body, stale: false, fromCache: false, fetchedAt };
    } catch (error) {
      if (cached && isPassing(error)) {
        return {
          url,
          body: cached.body,
          stale: true,
          fromCache: true,
          fetchedAt: cached.fetchedAt,
        };
      }
      throw error;
    }
  }

  /** The request's answer, or at `deadline` EdgarError("unavailable") while it goes on. */
  private async byDeadline(
    request: Promise<Downloaded>,
    deadline: number | null,
    url: string,
  ): Promise<Downloaded> {
    if (deadline === null) return request;
    const left = deadline - this.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EdgarError(
              "unavailable",
              `EDGAR did not answer in time for ${new URL(url).pathname}`,
            ),
          ),
        Math.max(0, left),
      );
    });
    try {
      return await Promise.race([request, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async refresh(
    url: string,
    options: GetOptions,
    priority: () => RequestPriority,
  ): Promise<Downloaded> {
    const { body, verdict } = await this.download(url, options, priority);
    const fetchedAt = this.now();
    // A real answer that is not what the asker hoped for (another form) is not kept: EDGAR may
    // have served the wrong file, and a later ask should look again.
    if (verdict === "cache") await this.writeCache(url, { body, fetchedAt });
    return { body, fetchedAt };
  }

  private async readCache(url: string): Promise<CachedBody | null> {
    const hot = this.hot.get(url);
    if (hot) return hot;
    try {
      const entry = await this.cache.get(url);
      if (entry) this.hot.set(url, entry);
      return entry;
    } catch {
      return null; // a broken cache costs a refetch, never an answer
    }
  }

  private async writeCache(url: string, entry: CachedBody): Promise<void> {
    this.hot.set(url, entry);
    try {
      await this.cache.set(url, entry);
    } catch {
      // as above: the answer still goes out
    }
  }

  /** One URL, through the retry budget. */
  private async download(
    url: string,
    options: GetOptions,
    priority: () => RequestPriority,
  ): Promise<Checked> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, options, priority);
      } catch (error) {
        if (!(error instanceof RetryableFailure)) throw error;
        if (attempt >= this.retries) {
          const tries = attempt + 1;
          throw new EdgarError(
            "unavailable",
            `EDGAR did not answer after ${tries} ${tries === 1 ? "try" : "tries"} (${error.message}) for ${new URL(url).pathname}`,
            { cause: error },
          );
        }
        await this.sleep(this.waitBeforeRetry(attempt, error.retryAfterMs));
      }
    }
  }

  /** Exponential backoff with jitter; a Retry-After from EDGAR wins when longer. Capped. */
  private waitBeforeRetry(attempt: number, retryAfterMs: number | null): number {
    const backoff = this.backoffMs * 2 ** attempt * (0.5 + this.random() / 2);
    return Math.min(this.maxWaitMs, Math.max(backoff, retryAfterMs ?? 0));
  }

  private retryAfter(header: string | null): number | null {
    if (!header) return null;
    const s = header.trim();
    if (/^\d+$/.test(s)) return Number(s) * 1000;
    const at = Date.parse(s);
    return Number.isNaN(at) ? null : Math.max(0, at - this.now());
  }

  /** Until when EDGAR's throttle block lasts (epoch ms), 0 when it does not (for /healthz). */
  async throttledUntil(): Promise<number> {
    try {
      const until = await this.gate.closedUntil();
      return until > this.now() ? until : 0;
    } catch {
      return 0;
    }
  }

  /** EdgarError("throttled") while EDGAR's throttle block lasts (for any instance). */
  private async mustNotBeThrottled(): Promise<void> {
    let until = 0;
    try {
      until = await this.gate.closedUntil();
    } catch {
      // A gate that cannot be read (Redis down) does not stop EDGAR work; the limiter still holds.
    }
    if (until > this.now()) throw this.throttled(until);
  }

  private throttled(until: number): EdgarError {
    const at = new Date(until).toISOString().slice(11, 16);
    return new EdgarError(
      "throttled",
      `EDGAR is throttling requests from this address (its "Request Rate Threshold Exceeded" block), so nothing is sent to it for ${waitText(until, this.now())} (until ${at} UTC)`,
      { until },
    );
  }

  /** One try: the request and any redirects within EDGAR, each hop taking a limiter slot. */
  private async attempt(
    url: string,
    options: GetOptions,
    priority: () => RequestPriority,
  ): Promise<Checked> {
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      await this.mustNotBeThrottled();
      // The slot is held until EDGAR's answer (or the failure) is in: see limiter.ts.
      const release = await this.limiter.acquire(priority);
      try {
        // The gate may have closed while this request waited for its slot.
        await this.mustNotBeThrottled();
      } catch (error) {
        release();
        throw error;
      }
      const signal = AbortSignal.timeout(this.timeoutMs);
      let response: Response;
      try {
        response = await this.fetchImpl(current, {
          headers: { "User-Agent": this.config.userAgent, "Accept-Encoding": "gzip, deflate" },
          redirect: "manual",
          signal,
        });
      } catch (error) {
        release();
        throw new RetryableFailure(describeNetworkError(error, this.timeoutMs));
      }
      // Headers are in, so EDGAR has seen the request: the slot may count from here.
      release();
      const { status } = response;
      if (status >= 300 && status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get("location");
        const next = location ? new URL(location, current).toString() : null;
        if (!next)
          throw new EdgarError("unavailable", `EDGAR answered HTTP ${status} with no Location`);
        if (!this.isAllowed(next)) {
          throw new EdgarError(
            "forbiddenHost",
            `EDGAR redirected ${new URL(current).pathname} to ${new URL(next).host}, which is not EDGAR; nothing was fetched there`,
          );
        }
        current = next;
        continue;
      }
      if (status === 404 || status === 410) {
        await response.body?.cancel().catch(() => undefined);
        throw new EdgarError("notFound", `EDGAR has no ${new URL(current).pathname}`);
      }
      if (status === 429 || status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        throw new RetryableFailure(
          `HTTP ${status}`,
          this.retryAfter(response.headers.get("retry-after")),
        );
      }
      if (status === 403) {
        const page = await this.readBody(response, current, 256 * 1024).catch(() => "");
        if (isThrottlePage(page)) {
          const until = this.now() + THROTTLE_BLOCK_MS;
          await this.gate.closeUntil(until).catch(() => undefined);
          throw this.throttled(until);
        }
        if (options.forbiddenMeansMissing) {
          throw new EdgarError("notFound", `EDGAR has no ${new URL(current).pathname} (yet)`);
        }
        throw new EdgarError(
          "unavailable",
          "EDGAR refused the request (HTTP 403); the SEC refuses requests without a User-Agent naming you (SEC_USER_AGENT) and clients over 10 requests a second",
        );
      }
      if (status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        throw new EdgarError("unavailable", `EDGAR refused the request (HTTP ${status})`);
      }
      const body = await this.readBody(response, current);
      let verdict: BodyVerdict = "cache";
      if (options.check) {
        try {
          verdict = options.check(body, current);
        } catch (error) {
          if (error instanceof BadBody) {
            throw new RetryableFailure(`EDGAR answered with something else: ${error.message}`);
          }
          throw error;
        }
      }
      return { body, verdict };
    }
    throw new EdgarError("unavailable", `EDGAR redirected ${new URL(url).pathname} too many times`);
  }

  /** The body, up to maxBytes, checked against Content-Length (a short body is a cut connection). */
  private async readBody(
    response: Response,
    url: string,
    maxBytes = this.maxBytes,
  ): Promise<string> {
    const tooLarge = () =>
      new EdgarError(
        "tooLarge",
        `EDGAR's answer for ${new URL(url).pathname} is over ${sizeText(maxBytes)}; it was not read`,
      );
    // With Content-Encoding, Content-Length counts compressed bytes: compare only without it.
    const encoded = response.headers.get("content-encoding") !== null;
    const declaredHeader = response.headers.get("content-length");
    const declared = declaredHeader === null ? null : Number(declaredHeader);
    if (!encoded && declared !== null && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge();
          }
          chunks.push(value);
        }
      } catch (error) {
        if (error instanceof EdgarError) throw error;
        const why = describeNetworkError(error, this.timeoutMs);
        throw new RetryableFailure(why.startsWith("no answer") ? why : "the answer was cut short");
      }
    }
    if (!encoded && declared !== null && Number.isFinite(declared) && total < declared) {
      throw new RetryableFailure("the answer was cut short");
    }
    // Decoded as a file the CLI reads is, so the same bytes read alike wherever they come from.
    return decodeFilingBytes(Buffer.concat(chunks, total));
  }
}
