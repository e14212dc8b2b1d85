// What a log line is about: the slash command, event or action being handled, its workspace,
// channel and user. Set once per Slack request (a global Bolt middleware, src/slack/app.ts) and
// added to every line logged while that request is handled, by Bolt, by our listeners or by what
// they call (src/slack/logger.ts reads it).
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  command?: string;
  event?: string;
  action?: string;
  team?: string;
  channel?: string;
  user?: string;
}

const current = new AsyncLocalStorage<LogContext>();

export function logContext(): LogContext | undefined {
  return current.getStore();
}

export function withLogContext<T>(context: LogContext, work: () => T): T {
  return current.run(context, work);
}

type Body = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" ? (value as Body)[key] : undefined;
}

/** The context of one Slack request body (a slash command, an event, an interaction). */
export function contextOfBody(body: Body): LogContext {
  const event = field(body, "event");
  const actions = field(body, "actions");
  const context: LogContext = {
    command: text(body.command),
    event: text(field(event, "type")),
    action: Array.isArray(actions) ? text(field(actions[0], "action_id")) : undefined,
    team: text(body.team_id) ?? text(field(field(body, "team"), "id")),
    channel:
      text(body.channel_id) ??
      text(field(event, "channel")) ??
      text(field(field(body, "channel"), "id")),
    user:
      text(body.user_id) ?? text(field(event, "user")) ?? text(field(field(body, "user"), "id")),
  };
  for (const key of Object.keys(context) as (keyof LogContext)[]) {
    if (context[key] === undefined) delete context[key];
  }
  return context;
}
