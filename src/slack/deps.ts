// What the Slack listeners need from the rest of the program, passed in so tests can choose.
import type { Logger } from "@slack/bolt";
import type { AlertPoller } from "../alerts/poller.js";
import type { DigestRunner } from "../digest/runner.js";
import type { Form4Source } from "../edgar/types.js";
import type { Store } from "../store.js";
import type { Installations } from "./installations.js";
import { WorkQueue } from "./work-queue.js";

export interface SlackDeps {
  /** The one way to EDGAR (rate-limited, cached). */
  source: Form4Source;
  /**
   * The same EDGAR for long work a person asked for but does not wait on line by line (a
   * history of hundreds of filings): no 8 s deadline per request, Retry-After waited out, and its
   * requests yield the limiter to people's lookups. Default: `source`.
   */
  background?: Form4Source;
  /** All state: de-duplication of Slack's retried events (store.claim), watchlists, digests. */
  store: Store;
  logger: Logger;
  /** Posts the channels' digests; `/form4 digest now` asks it for one at once. */
  runner: DigestRunner;
  /** Posts real-time alerts; `/form4 alert …` reads the feed through it. null: alerts are off. */
  alerts?: AlertPoller | null;
  /** The clock of the watchlist and digest commands (default Date.now); tests set it. */
  now?: () => number;
  /** How long EDGAR may take before the person is told "Looking up…" (ms). Default 1500. */
  slowNoticeMs?: number;
  /** The OAuth installs (many workspaces); null/absent in the one-token set-up. */
  installations?: Installations | null;
  /** Where the work after an ack runs (bounded, drained at shutdown); default a fresh queue. */
  work?: WorkQueue;
}

export type ListenerDeps = Required<Omit<SlackDeps, "installations">> & {
  installations: Installations | null;
};

/** Soon enough that nobody wonders whether the command was heard; most lookups beat it. */
export const DEFAULT_SLOW_NOTICE_MS = 1500;

export function listenerDeps(deps: SlackDeps): ListenerDeps {
  return {
    ...deps,
    background: deps.background ?? deps.source,
    alerts: deps.alerts ?? null,
    now: deps.now ?? Date.now,
    slowNoticeMs: deps.slowNoticeMs ?? DEFAULT_SLOW_NOTICE_MS,
    installations: deps.installations ?? null,
    work: deps.work ?? new WorkQueue({ logger: deps.logger }),
  };
}
