// The Bolt app: Socket Mode when an app token is configured, otherwise HTTP with request signing.
// The digest runner is built here too, around the app's own Web API client, so scheduled digests
// and replies share one client (token, retry policy, logger); the caller starts and stops it.

import type { Server } from "node:http";
import { App, HTTPReceiver, type Logger, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { AlertPoller, AlertPost } from "../alerts/poller.js";
import type { LogLevel, SlackConfig } from "../config.js";
import {
  type DigestRunner,
  type PostMessage,
  postWithSlack,
  type TeamToken,
} from "../digest/runner.js";
import type { SlackDeps } from "./deps.js";
import { registerListeners } from "./listeners/index.js";
import { BOLT_LOG_LEVELS } from "./logger.js";
import { checkSlack, SlackStartError } from "./reach.js";
import { dropReplays, rejectFutureTimestamps, signatureProperty } from "./request-guard.js";
import { WorkQueue } from "./work-queue.js";

export const EVENTS_PATH = "/slack/events";

export interface SlackAppOptions {
  slack: SlackConfig;
  /** What the listeners use, but the digest runner and the alert poller (made here). */
  deps: Omit<SlackDeps, "runner" | "alerts" | "work">;
  /** Builds the digest runner; `post` sends a message through the app's Web API client. */
  digest: (post: PostMessage) => DigestRunner;
  /** Builds the alert poller (absent: alerts off); `post` posts through the app's client. */
  alerts?: ((post: AlertPost) => AlertPoller) | null;
  logLevel: LogLevel;
}

export interface StartedSlackApp {
  mode: "socket" | "http";
  /** HTTP mode: the port actually bound (useful with PORT=0). */
  port?: number;
  /** The workspace of SLACK_BOT_TOKEN (one-token set-up); null with OAuth installs. */
  team: string | null;
}

export interface SlackApp {
  app: App;
  /** Not started: the caller starts it once the app is up, and stops it first. */
  runner: DigestRunner;
  /** Not started either: the caller starts it with the app and stops it first. */
  alerts: AlertPoller | null;
  /** The work after acks (lookups, unfurls, commands); shutdown drains it. */
  work: WorkQueue;
  start(): Promise<StartedSlackApp>;
  stop(): Promise<void>;
}

export { SlackStartError } from "./reach.js";

/**
 * Web API calls retry a few times over about a minute, not Bolt's default half hour: a reply
 * that arrives half an hour late is worse than a logged failure.
 */
const WEB_API_RETRIES = { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 15_000 };

function slackErrorCode(err: unknown): string | null {
  if (err && typeof err === "object" && "data" in err) {
    const data = (err as { data?: { error?: unknown } }).data;
    if (typeof data?.error === "string") return data.error;
  }
  return null;
}

/**
 * AlertPost over the app's Web API client: a message, in a thread when asked; its ts back. Each
 * workspace's alerts go out with that workspace's token when `tokenFor` knows one (as digests do).
 */
export function postAlertWith(
  app: Pick<App, "client">,
  tokenFor: TeamToken = async () => undefined,
): AlertPost {
  return async (channel, message, threadTs) => {
    const token = await tokenFor(channel.teamId || null);
    const res = await app.client.chat.postMessage({
      ...(token ? { token } : {}),
      channel: channel.channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return { ts: typeof res.ts === "string" ? res.ts : null };
  };
}

export function createApp({ slack, deps, digest, alerts, logLevel }: SlackAppOptions): SlackApp {
  const logger: Logger = deps.logger;
  logger.setLevel(BOLT_LOG_LEVELS[logLevel]);
  const apiUrl = slack.apiUrl ?? undefined;
  const socketMode = slack.appToken !== null;

  let receiver: Receiver;
  if (slack.appToken) {
    // Socket Mode gets its own client options: @slack/socket-mode sets its own (long) retry policy
    // for apps.connections.open on the object it is given, which must not leak into ours.
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      logLevel: BOLT_LOG_LEVELS[logLevel],
      installerOptions: { clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {} },
    });
  } else {
    if (!slack.signingSecret) {
      throw new SlackStartError("HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN).");
    }
    // Bolt checks the v0 signature and refuses timestamps over 5 minutes old with a 401; the
    // request guard adds the future side and replays.
    const http = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: [EVENTS_PATH],
      port: slack.port,
      logger,
      logLevel: BOLT_LOG_LEVELS[logLevel],
      customPropertiesExtractor: signatureProperty,
    });
    rejectFutureTimestamps(http, logger);
    receiver = http;
  }

  const app = new App({
    token: slack.botToken ?? undefined,
    receiver,
    socketMode,
    logger,
    // auth.test runs in start(), where a bad token stops start-up with a clear message.
    deferInitialization: true,
    clientOptions: {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: WEB_API_RETRIES,
    },
  });
  const runner = digest(postWithSlack(app.client));
  const poller = alerts ? alerts(postAlertWith(app)) : null;
  const work = new WorkQueue({ logger });
  if (!socketMode) app.use(dropReplays(deps.store, logger));
  registerListeners(app, { ...deps, runner, alerts: poller, work });

  app.error(async (error) => {
    // Listeners answer people themselves; whatever reaches here is ours to read in the log.
    logger.error(`Slack listener failed: ${error.message}`, error.original ?? error);
  });

  return {
    app,
    runner,
    work,
    alerts: poller,
    async start() {
      const { team } = await checkSlack(slack.apiUrl, slack.botToken);
      try {
        await app.init();
      } catch (err) {
        const code = slackErrorCode(err);
        throw new SlackStartError(
          code
            ? `Slack rejected SLACK_BOT_TOKEN (${code}); copy the Bot User OAuth Token again (see README.md, "Configuration").`
            : `Could not reach Slack to check SLACK_BOT_TOKEN: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
      if (socketMode) {
        try {
          await app.start();
        } catch (err) {
          const code = slackErrorCode(err);
          throw new SlackStartError(
            code
              ? `Slack refused the Socket Mode connection (${code}); check SLACK_APP_TOKEN and that Socket Mode is on (see README.md, "Configuration").`
              : `Could not open the Socket Mode connection: ${err instanceof Error ? err.message : String(err)}`,
            { cause: err },
          );
        }
        return { mode: "socket", team };
      }
      const server = (await app.start(slack.port)) as Server;
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : slack.port;
      return { mode: "http", port, team };
    },
    async stop() {
      await app.stop();
    },
  };
}
