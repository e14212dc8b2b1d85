// `link_shared` for sec.gov links: each link the EDGAR client understands gets the filing's
// summary through chat.unfurl, once per event however often Slack retries it.
import type { types, webApi } from "@slack/bolt";
import pLimit from "p-limit";
import { EdgarError } from "../../../edgar/errors.js";
import type { FetchedFiling } from "../../../edgar/types.js";
import { LIMITS } from "../../../render/block-limits.js";
import { REPLY_RATE_LIMIT_WAIT_MS } from "../../command-replies.js";
import type { ListenerDeps } from "../../deps.js";
import { unfurlBlocks } from "../../filing-replies.js";
import { honouringRetryAfter } from "../../retry-after.js";

/**
 * Links of one message looked up at once: a message pasting 100 links must not start 100 EDGAR
 * lookups together (they would only queue at the 10-a-second limiter, ahead of everyone else's).
 */
export const UNFURL_CONCURRENCY = 5;
/** Links unfurled per message at most (Slack shows a handful); the rest are logged and left. */
export const MAX_UNFURLS = LIMITS.unfurlsPerMessage;

/** Slack retries an event for about an hour; remember handled ones for longer. */
export const EVENT_CLAIM_TTL_MS = 2 * 60 * 60 * 1000;

/** What this listener reads of Bolt's arguments. */
export interface LinkSharedArgs {
  event: types.LinkSharedEvent;
  body: { event_id?: string };
  client: { chat: { unfurl(args: webApi.ChatUnfurlArguments): Promise<unknown> } };
}

// Links that are simply not Form 4 filings get no unfurl and no complaint: people share all kinds.
const QUIET_KINDS = new Set(["notForm4", "badLink", "forbiddenHost", "notFound", "noFilings"]);

async function filingFor(deps: ListenerDeps, url: string): Promise<FetchedFiling | null> {
  try {
    const [filing] = await deps.source.resolve(url, 1);
    return filing ?? null;
  } catch (err) {
    if (err instanceof EdgarError && QUIET_KINDS.has(err.kind)) {
      deps.logger.debug(`No unfurl for ${url}: ${err.message}`);
    } else if (err instanceof EdgarError) {
      deps.logger.warn(`No unfurl for ${url}: ${err.message}`);
    } else {
      deps.logger.error(`Unfurling ${url} failed`, err);
    }
    return null;
  }
}

/** The key a delivery of this event is remembered by: Slack's event_id, stable across retries. */
function claimKey(event: types.LinkSharedEvent, eventId: string | undefined): string {
  if (eventId) return `slack:event:${eventId}`;
  const where = event.unfurl_id ?? `${event.channel}:${event.message_ts}`;
  return `slack:unfurl:${where}:${event.links.map((l) => l.url).join(" ")}`;
}

export function linkShared(deps: ListenerDeps) {
  return async ({ event, body, client }: LinkSharedArgs): Promise<void> => {
    if (!(await deps.store.claim(claimKey(event, body.event_id), EVENT_CLAIM_TTL_MS))) {
      deps.logger.debug(`link_shared ${body.event_id ?? ""} already handled (a retry); skipped`);
      return;
    }
    // Built in the work queue with everything else that follows an ack.
    const taken = await deps.work.add({
      name: `unfurl of ${event.links.length} link(s)`,
      run: async (signal) => {
        const all = [...new Set(event.links.map((l) => l.url))];
        const urls = all.slice(0, MAX_UNFURLS);
        if (all.length > urls.length) {
          deps.logger.info(
            `link_shared with ${all.length} links: unfurling the first ${MAX_UNFURLS}, leaving ${all.length - urls.length}`,
          );
        }
        const limit = pLimit(UNFURL_CONCURRENCY);
        const filings = await Promise.all(urls.map((url) => limit(() => filingFor(deps, url))));
        const unfurls: Record<string, { blocks: types.KnownBlock[] }> = {};
        urls.forEach((url, i) => {
          const filing = filings[i];
          if (filing) unfurls[url] = { blocks: unfurlBlocks(filing) };
        });
        if (Object.keys(unfurls).length === 0) return;
        if (signal.aborted) return;
        // Rate-limited: waited out briefly (an unfurl late by seconds is still worth it).
        await honouringRetryAfter(() => client.chat.unfurl({ ...unfurlTarget(event), unfurls }), {
          maxWaitMs: REPLY_RATE_LIMIT_WAIT_MS,
          signal,
        });
      },
    });
    if (!taken) deps.logger.info("link_shared during shutdown: not unfurled");
  };
}

/** Links still in the composer have no message yet: Slack names them by unfurl_id + source. */
function unfurlTarget(
  event: types.LinkSharedEvent,
):
  | { unfurl_id: string; source: "composer" | "conversations_history" }
  | { channel: string; ts: string } {
  const { unfurl_id, source } = event;
  if (unfurl_id && (source === "composer" || source === "conversations_history")) {
    return { unfurl_id, source };
  }
  return { channel: event.channel, ts: event.message_ts };
}
