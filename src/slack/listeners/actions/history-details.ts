// The Details button under a `/form4 history` message: a modal with every insider and every filing
// read (each with its EDGAR link), from the history the command kept in the store.
import type { AckFn, types } from "@slack/bolt";
import { expiredHistoryModal, historyModal } from "../../../render/history-blocks.js";
import type { ListenerDeps } from "../../deps.js";
import { historyKey, type SavedHistory } from "../commands/history.js";

/** What this listener reads of Bolt's arguments (tests call it with plain fakes). */
export interface HistoryDetailsArgs {
  ack: AckFn<void> | AckFn<never>;
  /** The clicked button (its value is the history's key). */
  action: unknown;
  body: { trigger_id?: string; team?: { id?: string } | null; user?: { team_id?: string } };
  client: {
    views: { open(args: { trigger_id: string; view: types.ModalView }): Promise<unknown> };
  };
}

export function historyDetails(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: HistoryDetailsArgs): Promise<void> => {
    await ack();
    const teamId = body.team?.id ?? body.user?.team_id ?? "";
    const trigger = body.trigger_id;
    if (!trigger) return;
    const value = (action as { value?: unknown } | null)?.value;
    let saved: SavedHistory | undefined;
    try {
      saved =
        typeof value === "string"
          ? ((await deps.store.kv("history").get(historyKey(teamId, value))) as
              | SavedHistory
              | undefined)
          : undefined;
    } catch (err) {
      deps.logger.error("Could not read a /form4 history for its Details", err);
    }
    const view = saved ? historyModal(saved.history, saved.windowWords) : expiredHistoryModal();
    try {
      await client.views.open({ trigger_id: trigger, view });
    } catch (err) {
      deps.logger.error("Could not open the /form4 history Details", err);
    }
  };
}
