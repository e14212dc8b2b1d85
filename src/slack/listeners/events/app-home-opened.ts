// The App Home tab: what the bot does and how to use it.
import type { types, webApi } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { homeView } from "../../home.js";

export interface AppHomeOpenedArgs {
  event: types.AppHomeOpenedEvent;
  client: { views: { publish(args: webApi.ViewsPublishArguments): Promise<unknown> } };
}

export function appHomeOpened(_deps: ListenerDeps) {
  return async ({ event, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    await client.views.publish({ user_id: event.user, view: homeView() });
  };
}
