// What Bolt's HTTP receiver does not check about a signed request: Bolt refuses timestamps over
// 5 minutes old, but not ones in the future, and a signed request replayed within its 5 minutes
// runs again. Here a timestamp more than 5 minutes ahead gets 401 before Bolt sees it, and each
// signature is claimed in the store once verified, so a replay (to any instance) is dropped.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyMiddlewareArgs, HTTPReceiver, Logger, Middleware } from "@slack/bolt";
import type { Store } from "../store.js";

/** Slack's own tolerance for a request's timestamp, in seconds, either side of now. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;
/** A signature is remembered for both sides of the window. */
const SIGNATURE_CLAIM_TTL_MS = 2 * TIMESTAMP_TOLERANCE_S * 1000;
/** The context property the verified request's signature travels in. */
const SIGNATURE_PROPERTY = "requestSignature";

/** Refuse (401) requests stamped more than the tolerance in the future; pass the rest to Bolt. */
export function rejectFutureTimestamps(
  receiver: HTTPReceiver,
  logger: Logger,
  now: () => number = Date.now,
): void {
  const bolt = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const stamp = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(stamp) && stamp - now() / 1000 > TIMESTAMP_TOLERANCE_S) {
      logger.warn(`Refused a request stamped ${Math.round(stamp - now() / 1000)} s in the future`);
      res.writeHead(401, { "content-type": "text/plain" });
      res.end("request timestamp is in the future");
      req.resume();
      return;
    }
    bolt(req, res);
  };
}

/** For HTTPReceiver's customPropertiesExtractor: the verified request's signature. */
export function signatureProperty(req: IncomingMessage): Record<string, string> {
  const signature = req.headers["x-slack-signature"];
  return typeof signature === "string" ? { [SIGNATURE_PROPERTY]: signature } : {};
}

/**
 * Global middleware: a command or interaction whose signature was seen before is a replay; it is
 * acked (so nothing waits) and dropped. Events are left to their event_id (Slack's retries of an
 * event are the same event, and the listeners that act on one claim its id).
 */
export function dropReplays(store: Store, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const signature = (args.context as Record<string, unknown>)[SIGNATURE_PROPERTY];
    const isEvent = (args.body as { type?: unknown }).type === "event_callback";
    if (!isEvent && typeof signature === "string" && signature !== "") {
      if (!(await store.claim(`slack:signature:${signature}`, SIGNATURE_CLAIM_TTL_MS))) {
        logger.warn("Dropped a replayed request (its signature was already used)");
        if ("ack" in args && typeof args.ack === "function") await args.ack();
        return;
      }
    }
    await args.next();
  };
}
