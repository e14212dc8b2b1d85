// The answers to one slash command. Slack takes at most 5 posts to a command's response_url, within
// 30 minutes of the command, and refuses the rest (HTTP 404). So each command's posts are counted
// here: a note ("Looking up…") goes only while it leaves a post for the answer, and an answer that
// the response_url cannot carry (its posts spent, its 30 minutes over, or Slack refused it) goes
// through the Web API instead, as Slack allows a bot to post: in the channel when it was for the
// channel, to the person alone (chat.postEphemeral) when it was for them, and when Slack will not
// take that either, as a direct message from the app. An answer is never dropped without a log line.

import type { RespondArguments, RespondFn, types, webApi } from "@slack/bolt";
import { LIMITS } from "../render/block-limits.js";
import { escapeMrkdwn } from "../render/mrkdwn.js";
import { honouringRetryAfter } from "./retry-after.js";

/** Slack: a response_url takes up to 5 posts, within 30 minutes of the command. */
export const RESPONSE_URL_MAX_USES = LIMITS.responseUrlPosts;
export const RESPONSE_URL_LIFETIME_MS = LIMITS.responseUrlLifetimeMs;
/**
 * The response_url is left alone this close to its 30 minutes: Slack's clock started when the
 * person typed, a moment before the command reached us, and the post itself takes time.
 */
export const RESPONSE_URL_MARGIN_MS = 60 * 1000;
/** A person's answer waits at most this long on Slack's rate limits (then the next way is tried). */
export const REPLY_RATE_LIMIT_WAIT_MS = 10_000;

/** The Web API calls an answer falls back on (Bolt's listener `client`). */
export interface ReplyClient {
  chat: {
    postMessage(args: webApi.ChatPostMessageArguments): Promise<unknown>;
    postEphemeral(args: webApi.ChatPostEphemeralArguments): Promise<unknown>;
  };
}

export interface ReplyLogger {
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** A message for the person, as the listeners build it (text and blocks). */
export interface ReplyMessage {
  response_type?: "in_channel" | "ephemeral";
  replace_original?: boolean;
  text?: string;
  blocks?: (types.KnownBlock | types.Block)[];
}

/** What a listener answers through: Bolt's `respond`, or the command's replies. */
export type Answer = (message: RespondArguments) => Promise<unknown>;

/** How a message went: the response_url, a Web API fallback, dropped (a note) or lost (logged). */
export type ReplyRoute = "response_url" | "channel" | "ephemeral" | "dm" | "dropped" | "lost";

export interface CommandReplies {
  /** An answer (or "could not finish"): it goes one way or another; never throws. */
  answer(message: ReplyMessage): Promise<ReplyRoute>;
  /** A note the answer will follow: through the response_url only, keeping a post for the answer. */
  note(message: ReplyMessage): Promise<ReplyRoute>;
  /** Posts made to the response_url so far. */
  readonly uses: number;
}

export interface CommandRepliesOptions {
  respond: RespondFn;
  /** Absent: no fallback (the answer is logged as lost when the response_url cannot take it). */
  client?: ReplyClient | null;
  /** Where the command was typed, and by whom (for the fallbacks). */
  channel: string;
  user: string | null;
  /** "/form4 ASTI", for the log and the direct message. */
  what: string;
  logger: ReplyLogger;
  /** When the command arrived (default: when this was made), on `now`'s clock. */
  receivedAt?: number;
  now?: () => number;
}

/** The HTTP status of a refused response_url post (Bolt's RespondError), or null. */
function refusedStatus(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : null;
}

function describe(error: unknown): string {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : String(error);
}

export function commandReplies(options: CommandRepliesOptions): CommandReplies {
  const now = options.now ?? Date.now;
  const receivedAt = options.receivedAt ?? now();
  const log = options.logger;
  let uses = 0;
  let refused = false;

  const postsLeft = () => {
    if (refused) return 0;
    if (now() - receivedAt >= RESPONSE_URL_LIFETIME_MS - RESPONSE_URL_MARGIN_MS) return 0;
    return RESPONSE_URL_MAX_USES - uses;
  };

  const viaResponseUrl = async (message: ReplyMessage): Promise<boolean> => {
    uses += 1;
    try {
      await options.respond(message as RespondArguments);
      return true;
    } catch (error) {
      const status = refusedStatus(error);
      // Slack said no (a spent or expired URL): nothing more goes that way. A network failure
      // may be passing, so a later message may still try it.
      if (status !== null) refused = true;
      log.warn(
        `The response_url of ${options.what} did not take post ${uses}${status === null ? "" : ` (HTTP ${status})`}: ${describe(error)}`,
      );
      return false;
    }
  };

  const viaWebApi = async (message: ReplyMessage): Promise<ReplyRoute> => {
    const client = options.client;
    if (!client) {
      log.error(`${options.what}: an answer could not be sent (no response_url left, no client)`);
      return "lost";
    }
    const text = message.text ?? "";
    const blocks = message.blocks;
    const wait = { maxWaitMs: REPLY_RATE_LIMIT_WAIT_MS };
    const inChannel = message.response_type === "in_channel";
    try {
      if (inChannel) {
        await honouringRetryAfter(
          () =>
            client.chat.postMessage({
              channel: options.channel,
              text,
              ...(blocks ? { blocks } : {}),
              unfurl_links: false,
              unfurl_media: false,
            }),
          wait,
        );
        return "channel";
      }
      if (options.user) {
        const user = options.user;
        await honouringRetryAfter(
          () =>
            client.chat.postEphemeral({
              channel: options.channel,
              user,
              text,
              ...(blocks ? { blocks } : {}),
            }),
          wait,
        );
        return "ephemeral";
      }
    } catch (error) {
      log.warn(
        `${options.what}: ${inChannel ? "chat.postMessage" : "chat.postEphemeral"} did not take the answer (${describe(error)}); sending it as a direct message`,
      );
    }
    if (!options.user) {
      log.error(`${options.what}: an answer could not be sent (no one to send it to)`);
      return "lost";
    }
    const user = options.user;
    try {
      // A bot's chat.postMessage to a user id lands in the person's direct messages with the app.
      const what = escapeMrkdwn(options.what).replace(/`/g, "'");
      const where = `(your \`${what}\` in <#${options.channel}>)`;
      await honouringRetryAfter(
        () =>
          client.chat.postMessage({
            channel: user,
            text: `${where} ${text}`,
            ...(blocks ? { blocks: withContext(blocks, where) } : {}),
            unfurl_links: false,
            unfurl_media: false,
          }),
        wait,
      );
      return "dm";
    } catch (error) {
      log.error(`${options.what}: the answer could not be sent at all: ${describe(error)}`, error);
      return "lost";
    }
  };

  return {
    get uses() {
      return uses;
    },
    async answer(message) {
      if (postsLeft() > 0 && (await viaResponseUrl(message))) return "response_url";
      return viaWebApi(message);
    },
    async note(message) {
      // A note may take the response_url only while a post is left after it for the answer.
      if (postsLeft() < 2) return "dropped";
      return (await viaResponseUrl(message)) ? "response_url" : "dropped";
    },
  };
}

/** The context line goes first when the message has room for one more block. */
function withContext(
  blocks: NonNullable<ReplyMessage["blocks"]>,
  text: string,
): NonNullable<ReplyMessage["blocks"]> {
  if (blocks.length >= LIMITS.blocksPerMessage) return blocks;
  return [{ type: "context", elements: [{ type: "mrkdwn", text }] }, ...blocks];
}
