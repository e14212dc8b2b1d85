// Every listener of the app, registered in one place.
import type { App } from "@slack/bolt";
import { listenerDeps, type SlackDeps } from "../deps.js";
import * as actions from "./actions/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";

export function registerListeners(app: App, deps: SlackDeps): void {
  const resolved = listenerDeps(deps);
  commands.register(app, resolved);
  events.register(app, resolved);
  actions.register(app, resolved);
}
