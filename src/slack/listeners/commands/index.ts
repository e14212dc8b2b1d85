import type { App } from "@slack/bolt";
import type { ListenerDeps } from "../../deps.js";
import { form4Command } from "./form4.js";

export function register(app: App, deps: ListenerDeps): void {
  app.command("/form4", form4Command(deps));
}
