// The Bolt app: Socket Mode when an app token is configured, otherwise HTTP with request signing.
// One workspace with SLACK_BOT_TOKEN, or many through Slack's OAuth flow (/slack/install,
// /slack/oauth_redirect) with the installations in the store. The digest runner and the alert
// poller are built here too, around a Web API client of their own (the same options, its own
// queue, so their waits on Slack's rate limits never hold up a person's answer), each workspace's
// messages with its own token; the caller starts and stops them.

import { once } from "node:events";
import type { Server } from "node:http";
import {
  App,
  type CustomRoute,
  HTTPReceiver,
  type Logger,
  type Receiver,
  SocketModeReceiver,
  webApi,
} from "@slack/bolt";
import type { AlertPoller, AlertPost } from "../alerts/poller.js";
import type { LogLevel, SlackConfig } from "../config.js";
import {
  type DigestRunner,
  type PostMessage,
  postWithSlack,
  type TeamToken,
} from "../digest/runner.js";
import type { SlackDeps } from "./deps.js";
import { type Installations, installationStore } from "./installations.js";
import { registerListeners } from "./listeners/index.js";
import { contextOfBody, withLogContext } from "./log-context.js";
import { BOLT_LOG_LEVELS } from "./logger.js";
import { checkSlack, SlackStartError } from "./reach.js";
import { dropReplays, rejectFutureTimestamps, signatureProperty } from "./request-guard.js";
import { honouringRetryAfter } from "./retry-after.js";
import { BOT_SCOPES } from "./scopes.js";
import { WorkQueue } from "./work-queue.js";

export const EVENTS_PATH = "/slack/events";
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

export interface SlackAppOptions {
  slack: SlackConfig;
  /** What the listeners use, but the digest runner and the alert poller (made here). */
  deps: Omit<SlackDeps, "runner" | "alerts" | "work">;
  /** Builds the digest runner; `post` sends a message through the app's Web API client. */
  digest: (post: PostMessage) => DigestRunner;
  /** Builds the alert poller (absent: alerts off); `post` posts through the app's client. */
  alerts?: ((post: AlertPost) => AlertPoller) | null;
  logLevel: LogLevel;
  /**
   * More HTTP routes (GET /healthz): on PORT in HTTP mode; in Socket Mode on HEALTH_PORT (or PORT
   * with OAuth), and not served at all when neither applies.
   */
  routes?: CustomRoute[];
}

export interface StartedSlackApp {
  mode: "socket" | "http";
  /** HTTP mode: the port actually bound (useful with PORT=0). */
  port?: number;
  /** The workspace of SLACK_BOT_TOKEN (one-token set-up); null with OAuth installs. */
  team: string | null;
  /** Socket Mode: the port of the HTTP server for `routes` and the OAuth pages, when there is one. */
  httpPort?: number;
}

export interface SlackApp {
  app: App;
  /** Not started: the caller starts it once the app is up, and stops it first. */
  runner: DigestRunner;
  /** Not started either: the caller starts it with the app and stops it first. */
  alerts: AlertPoller | null;
  /** The work after acks (lookups, unfurls, commands); shutdown drains it. */
  work: WorkQueue;
  /** The OAuth installations; null in the one-token set-up. */
  installations: Installations | null;
  /** Socket Mode: whether the WebSocket to Slack is up right now (HTTP mode: null). */
  socketConnected(): boolean | null;
  start(): Promise<StartedSlackApp>;
  stop(): Promise<void>;
}

export { SlackStartError } from "./reach.js";

/**
 * Web API calls retry a few times over about a minute, not Bolt's default half hour: a reply
 * that arrives half an hour late is worse than a logged failure.
 */
const WEB_API_RETRIES = { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 15_000 };

/**
 * A digest or alert message that Slack rate-limits (HTTP 429) is sent again after each Retry-After,
 * waited in full, for up to this long in all; past it the post fails like any other (the digest
 * goes on from its cursor at its next try, the alert at the next poll), never posted twice.
 */
export const BACKGROUND_RATE_LIMIT_WAIT_MS = 5 * 60 * 1000;

/** The one Web API call background posting makes. */
interface PostingClient {
  chat: {
    postMessage(args: webApi.ChatPostMessageArguments): Promise<webApi.ChatPostMessageResponse>;
  };
}

/**
 * `client`'s chat.postMessage, waiting out Slack's Retry-After (one message at a time, in order:
 * the digest and the poller post one after another), until `signal` (shutdown) stops the wait.
 */
export function waitingOutRateLimits(
  client: PostingClient,
  options: { signal?: AbortSignal; logger?: Pick<Logger, "warn"> } = {},
): PostingClient {
  return {
    chat: {
      postMessage: (args) =>
        honouringRetryAfter(() => client.chat.postMessage(args), {
          maxWaitMs: BACKGROUND_RATE_LIMIT_WAIT_MS,
          signal: options.signal,
          onWait: (ms) =>
            options.logger?.warn(
              `Slack rate-limited chat.postMessage to ${args.channel}; trying again in ${ms / 1000} s`,
            ),
        }),
    },
  };
}

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
  client: PostingClient,
  tokenFor: TeamToken = async () => undefined,
): AlertPost {
  return async (channel, message, threadTs) => {
    const token = await tokenFor(channel.teamId || null);
    const res = await client.chat.postMessage({
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

export function createApp({
  slack,
  deps,
  digest,
  alerts,
  logLevel,
  routes = [],
}: SlackAppOptions): SlackApp {
  const logger: Logger = deps.logger;
  logger.setLevel(BOLT_LOG_LEVELS[logLevel]);
  const apiUrl = slack.apiUrl ?? undefined;
  const clientOptions = apiUrl ? { slackApiUrl: apiUrl } : {};
  const socketMode = slack.appToken !== null;
  const oauth = slack.oauth ?? null;
  const installations = oauth ? installationStore(deps.store) : null;
  // Bolt's OAuth: /slack/install sends the person straight to Slack's consent page; the state
  // parameter is signed with SLACK_STATE_SECRET (and kept in a cookie), so any instance can finish
  // the install; the installation is stored where every instance finds it.
  const oauthOptions = oauth
    ? {
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: oauth.stateSecret,
        scopes: [...BOT_SCOPES],
        installationStore: installations ?? undefined,
      }
    : {};
  const installerOptions = {
    clientOptions,
    installPath: INSTALL_PATH,
    redirectUriPath: REDIRECT_PATH,
    directInstall: true,
  };

  let receiver: Receiver;
  let socketReceiver: SocketModeReceiver | null = null;
  // Socket Mode has no HTTP server of its own; one is started for the routes and the OAuth pages.
  const httpPort = socketMode ? (slack.healthPort ?? (oauth ? slack.port : null)) : null;
  if (slack.appToken) {
    // Socket Mode gets its own client options: @slack/socket-mode sets its own (long) retry policy
    // for apps.connections.open on the object it is given, which must not leak into ours.
    socketReceiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      logLevel: BOLT_LOG_LEVELS[logLevel],
      ...oauthOptions,
      customRoutes: httpPort === null ? [] : routes,
      installerOptions: { ...installerOptions, ...(httpPort === null ? {} : { port: httpPort }) },
    });
    receiver = socketReceiver;
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
      customRoutes: routes,
      ...oauthOptions,
      installerOptions,
    });
    rejectFutureTimestamps(http, logger);
    receiver = http;
  }

  // A 429 comes back to the caller at once with its Retry-After (src/slack/retry-after.ts), so
  // each decides how long it may wait: a person's answer briefly, a digest in full. The WebClient
  // would otherwise wait inside the call and hold every other call of the client meanwhile.
  const webApiOptions = {
    ...clientOptions,
    retryConfig: WEB_API_RETRIES,
    rejectRateLimitedCalls: true,
  };
  const app = new App({
    // With OAuth, each request is authorized with its workspace's installation instead.
    token: oauth ? undefined : (slack.botToken ?? undefined),
    receiver,
    socketMode,
    logger,
    // auth.test runs in start(), where a bad token stops start-up with a clear message.
    deferInitialization: true,
    clientOptions: webApiOptions,
  });
  // Digests and alerts post through a client of their own, waiting out Retry-After in full.
  const halt = new AbortController();
  const background = waitingOutRateLimits(
    new webApi.WebClient(oauth ? undefined : (slack.botToken ?? undefined), {
      ...webApiOptions,
      logger,
    }),
    { signal: halt.signal, logger },
  );
  // Every line logged while a request is handled names its command / event / channel.
  app.use(async ({ body, next }) =>
    withLogContext(contextOfBody(body as Record<string, unknown>), next),
  );
  // Each workspace's messages go out with its own bot token (one-token set-up: the app's).
  const tokenFor: TeamToken = async (team) =>
    installations && team ? installations.botToken(team) : undefined;
  const runner = digest(postWithSlack(background, tokenFor));
  const poller = alerts ? alerts(postAlertWith(background, tokenFor)) : null;
  const work = new WorkQueue({ logger });
  if (!socketMode) app.use(dropReplays(deps.store, logger));
  registerListeners(app, { ...deps, runner, alerts: poller, work, installations });

  app.error(async (error) => {
    // Listeners answer people themselves; whatever reaches here is ours to read in the log.
    logger.error(`Slack listener failed: ${error.message}`, error.original ?? error);
  });

  return {
    app,
    runner,
    work,
    alerts: poller,
    installations,
    socketConnected() {
      if (!socketReceiver) return null;
      return socketReceiver.client.websocket?.isActive() ?? false;
    },
    async start() {
      const { team } = await checkSlack(slack.apiUrl, oauth ? null : slack.botToken);
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
        return { mode: "socket", team, ...(await socketHttpPort(socketReceiver)) };
      }
      const server = (await app.start(slack.port)) as Server;
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : slack.port;
      return { mode: "http", port, team };
    },
    async stop() {
      // A post still waiting out a Retry-After gives up: Slack did not take it, so the digest's
      // cursor or the alert's record still says it is to be posted.
      halt.abort();
      await app.stop();
    },
  };
}

/**
 * The port the Socket Mode receiver's HTTP server (routes, OAuth pages) bound, once it listens.
 * Bolt keeps that server private; it is read here only to report the port (HEALTH_PORT=0).
 */
async function socketHttpPort(receiver: SocketModeReceiver | null): Promise<{ httpPort?: number }> {
  const server = (receiver as unknown as { httpServer?: Server } | null)?.httpServer;
  if (!server) return {};
  if (!server.listening) await once(server, "listening");
  const address = server.address();
  return typeof address === "object" && address ? { httpPort: address.port } : {};
}
