import type { App } from "@slack/bolt";
import { VIEW_ON_EDGAR_ACTION_ID } from "../../../render/blocks.js";
import type { ListenerDeps } from "../../deps.js";
import { viewOnEdgar } from "./view-on-edgar.js";

export function register(app: App, _deps: ListenerDeps): void {
  app.action(VIEW_ON_EDGAR_ACTION_ID, viewOnEdgar());
}
