// The Details button: opens a modal with the filing's full breakdown. The button's value names the
// filing on EDGAR (CIK, accession, document), so the modal is rebuilt from the cached fetch: no
// state of ours is needed. Slack's trigger_id lasts 3 seconds, so when EDGAR is slow a "Looking
// up…" modal opens first and is replaced when the filing arrives.
import type { webApi } from "@slack/bolt";
import type { FetchedFiling } from "../../../edgar/types.js";
import { parseDetailsButtonValue } from "../../../render/card.js";
import { detailsModal, detailsNoteModal } from "../../../render/details.js";
import { REPLY_RATE_LIMIT_WAIT_MS } from "../../command-replies.js";
import type { ListenerDeps } from "../../deps.js";
import { failureReply } from "../../replies.js";
import { honouringRetryAfter } from "../../retry-after.js";

/** How long the fetch may take before the "Looking up…" modal opens (the trigger lasts 3 s). */
export const DETAILS_OPEN_WITHIN_MS = 1500;

export interface FilingDetailsArgs {
  ack: () => Promise<void>;
  body: { trigger_id?: string; user?: { id?: string } };
  /** The button clicked (Bolt's union of every kind of action; only a button's value is read). */
  action: object;
  client: {
    views: {
      open(args: webApi.ViewsOpenArguments): Promise<{ view?: { id?: string } }>;
      update(args: webApi.ViewsUpdateArguments): Promise<unknown>;
    };
  };
}

type Outcome = { filing: FetchedFiling } | { error: unknown };

export function filingDetails(deps: ListenerDeps, openWithinMs = DETAILS_OPEN_WITHIN_MS) {
  return async ({ ack, body, action, client }: FilingDetailsArgs): Promise<void> => {
    await ack();
    const trigger = body.trigger_id;
    if (!trigger) {
      deps.logger.warn("Details clicked without a trigger_id; no modal can be opened");
      return;
    }
    const raw = (action as { value?: unknown }).value;
    const value = typeof raw === "string" ? raw : "";
    const key = parseDetailsButtonValue(value);
    if (!key) {
      deps.logger.warn(
        `Details clicked with a value this app did not write: ${value.slice(0, 100)}`,
      );
      await client.views.open({
        trigger_id: trigger,
        view: detailsNoteModal(":warning: This button does not name a filing I can look up."),
      });
      return;
    }
    const subject = key.accessionNumber;
    const fetching: Promise<Outcome> = deps.source
      .fetch({
        cik: key.cik,
        accessionNumber: key.accessionNumber,
        // The form and date only label a listing; the fetched filing says what it is.
        form: "4",
        filedDate: "",
        primaryDocument: key.primaryDocument,
      })
      .then(
        (filing) => ({ filing }),
        (error: unknown) => ({ error }),
      );
    const viewOf = (outcome: Outcome) => {
      if ("filing" in outcome) {
        return detailsModal(outcome.filing.summary, {
          url: outcome.filing.url,
          stale: outcome.filing.stale,
        });
      }
      const reply = failureReply(outcome.error, subject);
      if (reply.unexpected) deps.logger.error(`Details of ${subject} failed`, outcome.error);
      return detailsNoteModal(reply.text);
    };

    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), openWithinMs);
    });
    const first = await Promise.race([fetching, slow]);
    clearTimeout(timer);
    if (first !== null) {
      await client.views.open({ trigger_id: trigger, view: viewOf(first) });
      return;
    }
    const opened = await client.views.open({
      trigger_id: trigger,
      view: detailsNoteModal(`:hourglass_flowing_sand: Looking up ${subject} on EDGAR…`),
    });
    const outcome = await fetching;
    const viewId = opened.view?.id;
    if (!viewId) {
      deps.logger.warn(`views.open returned no view id; the Details of ${subject} cannot be shown`);
      return;
    }
    // No trigger to run out here: a rate-limited update is waited out briefly.
    await honouringRetryAfter(
      () => client.views.update({ view_id: viewId, view: viewOf(outcome) }),
      { maxWaitMs: REPLY_RATE_LIMIT_WAIT_MS },
    );
  };
}
