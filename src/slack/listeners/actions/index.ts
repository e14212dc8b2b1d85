import type { App } from "@slack/bolt";
import { DETAILS_ACTION_ID, VIEW_ON_EDGAR_ACTION_ID } from "../../../render/card.js";
import { HISTORY_DETAILS_ACTION_ID } from "../../../render/history-blocks.js";
import {
  HOME_ALERT_OFF_ACTION,
  HOME_DIGEST_NOW_ACTION_ID,
  HOME_UNWATCH_ACTION,
} from "../../../render/home.js";
import type { ListenerDeps } from "../../deps.js";
import { filingDetails } from "./filing-details.js";
import { historyDetails } from "./history-details.js";
import { homeAlertOff, homeDigestNow, homeUnwatch } from "./home-buttons.js";
import { viewOnEdgar } from "./view-on-edgar.js";

export function register(app: App, deps: ListenerDeps): void {
  app.action(VIEW_ON_EDGAR_ACTION_ID, viewOnEdgar());
  app.action(DETAILS_ACTION_ID, filingDetails(deps));
  app.action(HOME_DIGEST_NOW_ACTION_ID, homeDigestNow(deps));
  app.action(HOME_UNWATCH_ACTION, homeUnwatch(deps));
  app.action(HOME_ALERT_OFF_ACTION, homeAlertOff(deps));
  app.action(HISTORY_DETAILS_ACTION_ID, historyDetails(deps));
}
