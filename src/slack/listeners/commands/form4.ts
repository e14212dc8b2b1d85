// `/form4 …`: ack at once, then answer through the response_url (EDGAR may take its time), within
// Slack's 5 posts and 30 minutes of it, else through the Web API (../../command-replies.ts).
// Watchlist and digest subcommands are answered by ./digest.ts.
import type { AckFn, RespondArguments, RespondFn } from "@slack/bolt";
import { EdgarError } from "../../../edgar/errors.js";
import type { FetchedFiling } from "../../../edgar/types.js";
import type { ConversationsClient } from "../../channel-check.js";
import {
  type Answer,
  commandReplies,
  type ReplyClient,
  type ReplyMessage,
} from "../../command-replies.js";
import {
  DEFAULT_FILING_COUNT,
  type DigestCommand,
  type Form4Command,
  isDigestCommand,
  parseCommandText,
} from "../../command-text.js";
import type { ListenerDeps } from "../../deps.js";
import { cardReply, listReply } from "../../filing-replies.js";
import {
  failureReply,
  lookingUpReply,
  type Reply,
  restartingReply,
  unfinishedReply,
  usageReply,
} from "../../replies.js";
import { answerAlertCommand } from "./alert.js";
import { answerDigestCommand } from "./digest.js";
import { answerHistory, type FileUploader } from "./history.js";

/** What this listener reads of Bolt's arguments (so tests can call it with plain fakes). */
export interface Form4CommandArgs {
  /**
   * `channel_id` in `team_id`: where the command was typed (the channel a watchlist belongs to;
   * the same channel id can exist in two workspaces); `user_id`: who typed it.
   */
  command: { text: string; channel_id: string; team_id: string; user_id?: string };
  ack: AckFn<string | RespondArguments>;
  respond: RespondFn;
  /**
   * Bolt's Web API client: `/form4 history` uploads its chart with it, an answer the
   * response_url cannot carry goes through it, and digest and alert set-up ask it
   * (conversations.info) whether the bot can post in the channel.
   */
  client?: FileUploader & ReplyClient & Partial<ConversationsClient>;
}

type Lookup = Exclude<
  Form4Command,
  { kind: "help" } | { kind: "alert" } | { kind: "history" } | DigestCommand
>;

function subjectOf(command: Lookup): string {
  return command.kind === "ticker" ? command.ticker : command.target;
}

async function lookUp(
  deps: ListenerDeps,
  command: Lookup,
): Promise<{ filings: FetchedFiling[]; company: string | null }> {
  if (command.kind === "ticker") {
    const { company, filings } = await deps.source.latestForTicker(command.ticker, command.count);
    return { filings, company: company.name };
  }
  // A company link means "its latest", as many as a ticker would show.
  return {
    filings: await deps.source.resolve(command.target, DEFAULT_FILING_COUNT),
    company: null,
  };
}

function notes(command: Lookup, filings: FetchedFiling[]): string[] {
  const found: string[] = [];
  if (command.kind !== "ticker") return found;
  if (command.note) found.push(command.note);
  if (filings.length > 0 && filings.length < command.count) {
    const n = filings.length;
    found.push(
      `Found ${n} Form 4 ${n === 1 ? "filing" : "filings"} with ${command.ticker} as the issuer.`,
    );
  }
  return found;
}

/**
 * Answers a lookup through `respond`: a "looking up" note (through `note`) if EDGAR is slow, then
 * the result.
 */
export async function answerLookup(
  deps: ListenerDeps,
  command: Lookup,
  respond: Answer,
  note: Answer = respond,
): Promise<void> {
  const subject = subjectOf(command);
  const post = async (reply: Reply, inChannel: boolean, via = respond): Promise<void> => {
    try {
      await via({
        response_type: inChannel ? "in_channel" : "ephemeral",
        text: reply.text,
        blocks: reply.blocks,
      });
    } catch (err) {
      deps.logger.error(`Could not answer /form4 ${subject} through its response_url`, err);
    }
  };

  let notice: Promise<void> | null = null;
  const timer = setTimeout(() => {
    notice = post(lookingUpReply(subject), false, note);
  }, deps.slowNoticeMs);

  let filings: FetchedFiling[] = [];
  let company: string | null = null;
  let failure: unknown = null;
  try {
    ({ filings, company } = await lookUp(deps, command));
  } catch (err) {
    failure = err;
  } finally {
    clearTimeout(timer);
  }
  // The note, if it went out, must arrive before the answer.
  if (notice) await notice;

  if (failure !== null || filings.length === 0) {
    const reply = failureReply(failure ?? noFilings(subject), subject);
    if (reply.unexpected) deps.logger.error(`/form4 ${subject} failed`, failure);
    await post(reply, false);
    return;
  }
  // A ticker's latest are one message, one line each; one filing asked for by link is its card.
  const [only] = filings;
  const reply =
    command.kind !== "ticker" && only && filings.length === 1
      ? cardReply(only)
      : listReply(subject, company, filings, notes(command, filings));
  await post(reply, true);
}

/** The source answered with nothing rather than saying why: that is "no Form 4 filings". */
function noFilings(subject: string): EdgarError {
  return new EdgarError("noFilings", `EDGAR lists no Form 4 filings for ${subject}`);
}

export function form4Command(deps: ListenerDeps) {
  return async ({ command, ack, respond, client }: Form4CommandArgs): Promise<void> => {
    const parsed = parseCommandText(command.text);
    if (parsed.kind === "help") {
      // Nothing to look up: the usage goes back in the ack itself, seen only by the person.
      const usage = usageReply(parsed.problem);
      await ack({ response_type: "ephemeral", text: usage.text, blocks: usage.blocks });
      return;
    }
    if (!deps.work.accepting) {
      const reply = restartingReply(command.text);
      await ack({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks });
      return;
    }
    // Ack first, whatever EDGAR does: Slack gives us 3 seconds. The answer is built in the work
    // queue, which bounds how many are built at once so later acks never wait behind them.
    await ack();
    // Counted from the ack: the response_url's 30 minutes and 5 posts are the command's.
    const replies = commandReplies({
      respond,
      client: client ?? null,
      channel: command.channel_id,
      user: command.user_id ?? null,
      what: `/form4 ${command.text}`,
      logger: deps.logger,
    });
    const asMessage = (message: RespondArguments): ReplyMessage => message as ReplyMessage;
    await deps.work.add({
      name: `/form4 ${command.text}`,
      run: async (signal) => {
        // Once shutdown gave up on this job the person has been told; nothing more goes out.
        const answer: Answer = async (message) => {
          if (!signal.aborted) await replies.answer(asMessage(message));
        };
        const note: Answer = async (message) => {
          if (!signal.aborted) await replies.note(asMessage(message));
        };
        const conversations = client?.conversations;
        const check = conversations
          ? { client: { conversations }, user: command.user_id ?? null }
          : null;
        if (parsed.kind === "alert") {
          const channel = { teamId: command.team_id, channelId: command.channel_id };
          await answerAlertCommand(deps, parsed.command, channel, answer, check);
        } else if (parsed.kind === "history") {
          await answerHistory(deps, parsed, {
            respond: answer,
            note,
            client,
            teamId: command.team_id,
          });
        } else if (isDigestCommand(parsed)) {
          const where = { teamId: command.team_id, channelId: command.channel_id };
          await answerDigestCommand(deps, parsed, where, answer, check);
        } else {
          await answerLookup(deps, parsed, answer, note);
        }
      },
      abandon: async () => {
        const reply = unfinishedReply(command.text);
        await replies.answer({
          response_type: "ephemeral",
          text: reply.text,
          blocks: reply.blocks,
        });
      },
    });
  };
}
