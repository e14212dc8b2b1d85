import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { appHomeOpened } from "./app-home-opened.js";
import { teamGone } from "./app-uninstalled.js";
import { linkShared } from "./link-shared.js";
import { memberJoinedChannel } from "./member-joined-channel.js";

export function register(app: App, deps: ListenerDeps): void {
  app.event("link_shared", linkShared(deps));
  app.event("app_home_opened", appHomeOpened(deps));
  app.event("app_uninstalled", teamGone(deps));
  app.event("tokens_revoked", teamGone(deps));
  app.event("member_joined_channel", memberJoinedChannel(deps));
}
