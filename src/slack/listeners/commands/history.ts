// `/form4 history TICKER [3m|6m|1y|2y]`: the insiders' history over a window, answered through the
// response_url in one message (the totals, the chart uploaded through the Web API's file upload,
// the insiders, a Details button). A cold history of a busy issuer needs one EDGAR request per
// filing at 10 a second, so a slow one first says how long it will take, within Slack's 5 posts.
import { randomUUID } from "node:crypto";
import { renderHistoryChart } from "../../../history/chart-render.js";
import { chartAltText, chartTitle } from "../../../history/chart-spec.js";
import type { History } from "../../../history/model.js";
import { readHistory } from "../../../history/read.js";
import { windowOfMonths, windowWords } from "../../../history/window.js";
import { historyMessage } from "../../../render/history-blocks.js";
import { escapeMrkdwn } from "../../../render/mrkdwn.js";
import { type Answer, REPLY_RATE_LIMIT_WAIT_MS } from "../../command-replies.js";
import type { Form4Command } from "../../command-text.js";
import type { ListenerDeps } from "../../deps.js";
import { failureReply, type Reply } from "../../replies.js";
import { honouringRetryAfter } from "../../retry-after.js";

export type HistoryCommand = Extract<Form4Command, { kind: "history" }>;

/** The part of Bolt's Web API client the history uses: the file upload (files.uploadV2). */
export interface FileUploader {
  files: {
    uploadV2(args: {
      file: Buffer;
      filename: string;
      title: string;
      alt_text: string;
    }): Promise<unknown>;
  };
}

export interface HistoryContext {
  respond: Answer;
  /** Where the progress note goes (default `respond`): it must leave a post for the answer. */
  note?: Answer;
  /** Bolt's client (the listener's `client`); without one the message goes without the chart. */
  client?: FileUploader;
  teamId: string;
}

/** How long the Details button finds its history (the list of filings read). */
export const HISTORY_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
/** EDGAR's ceiling, for the estimate in the progress note. */
const REQUESTS_PER_SECOND = 10;

/** Where the Details button finds a history: per team, by a random id. */
export function historyKey(teamId: string, id: string): string {
  return `history:${teamId}:${id}`;
}

/** What Details needs, kept in the store. */
export interface SavedHistory {
  history: History;
  windowWords: string;
}

function today(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

function context(text: string): Reply {
  return { text, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] };
}

/** "Reading 143 filings from EDGAR, about 15 s…" (or the lookup itself, before the count is known). */
export function progressReply(ticker: string, remaining: number | null): Reply {
  const who = escapeMrkdwn(ticker);
  if (remaining === null)
    return context(`:hourglass_flowing_sand: Looking up ${who}'s Form 4 filings on EDGAR…`);
  const seconds = Math.max(1, Math.ceil(remaining / REQUESTS_PER_SECOND));
  return context(
    `:hourglass_flowing_sand: Reading ${remaining} ${remaining === 1 ? "filing" : "filings"} of ${who} from EDGAR, about ${seconds} s…`,
  );
}

/** The id of the file files.uploadV2 made (its answer nests completeUploadExternal's). */
function uploadedFileId(result: unknown): string | null {
  const files = (result as { files?: { files?: { id?: unknown }[] }[] } | null)?.files;
  const id = files?.[0]?.files?.[0]?.id;
  return typeof id === "string" ? id : null;
}

function slackError(err: unknown): string {
  const code = (err as { data?: { error?: unknown } } | null)?.data?.error;
  return typeof code === "string" ? code : err instanceof Error ? err.message : String(err);
}

export async function answerHistory(
  deps: ListenerDeps,
  command: HistoryCommand,
  ctx: HistoryContext,
): Promise<void> {
  let posts = 0;
  const post = async (reply: Reply, inChannel: boolean, via = ctx.respond): Promise<void> => {
    posts += 1;
    try {
      await via({
        response_type: inChannel ? "in_channel" : "ephemeral",
        replace_original: false,
        text: reply.text,
        blocks: reply.blocks,
      });
    } catch (err) {
      deps.logger.error(
        `Could not answer /form4 history ${command.ticker} through its response_url`,
        err,
      );
    }
  };

  // One progress note at most: after slowNoticeMs, with the count once the listing is read.
  let total: number | null = null;
  let done = 0;
  let due = false;
  let notice: Promise<void> | null = null;
  const sendNotice = () => {
    if (notice || posts > 0) return;
    notice = post(
      progressReply(command.ticker, total === null ? null : total - done),
      false,
      ctx.note ?? ctx.respond,
    );
  };
  const timer = setTimeout(() => {
    due = true;
    if (total !== null) sendNotice();
  }, deps.slowNoticeMs);

  const until = today(deps.now());
  const window = windowOfMonths(command.months, until);
  let history: History | null = null;
  let failure: unknown = null;
  try {
    // Hundreds of requests: background ones, so other people's lookups go first at the limiter.
    history = await readHistory(deps.background, command.ticker, window, {
      onListed: (n) => {
        total = n;
        if (due) sendNotice();
      },
      onRead: (n) => {
        done = n;
      },
    });
  } catch (err) {
    failure = err;
  } finally {
    clearTimeout(timer);
  }
  if (notice) await notice;

  if (!history) {
    const reply = failureReply(failure, command.ticker);
    if (reply.unexpected) deps.logger.error(`/form4 history ${command.ticker} failed`, failure);
    await post(reply, false);
    return;
  }

  const words = windowWords(command.months);
  const chart = await uploadChart(deps, history, ctx.client);
  const id = randomUUID();
  let detailsKey: string | null = id;
  try {
    const saved: SavedHistory = { history, windowWords: words };
    await deps.store.kv("history").set(historyKey(ctx.teamId, id), saved, HISTORY_KEPT_MS);
  } catch (err) {
    // Without the store the message still goes, without its Details button.
    deps.logger.error(
      `Could not keep /form4 history ${command.ticker} for its Details button`,
      err,
    );
    detailsKey = null;
  }
  const message = historyMessage(history, {
    windowWords: words,
    chart: chart.fileId
      ? { fileId: chart.fileId, altText: chartAltText(history), title: chartTitle(history) }
      : null,
    chartNote: chart.note,
    detailsKey,
  });
  await post(message, true);
}

/** The chart drawn and uploaded (not shared in a channel: the message shows it by its file id). */
async function uploadChart(
  deps: ListenerDeps,
  history: History,
  client: FileUploader | undefined,
): Promise<{ fileId: string | null; note: string | null }> {
  if (!client) return { fileId: null, note: "The chart could not be shown here." };
  try {
    const { png } = await renderHistoryChart(history);
    const who = history.company.ticker || history.company.cik;
    // Rate-limited: tried again after a short Retry-After (each try is a fresh upload; one Slack
    // refused leaves nothing behind), else the answer goes without its chart.
    const result = await honouringRetryAfter(
      () =>
        client.files.uploadV2({
          file: png,
          filename: `${who}-insiders-${history.window.since}-${history.window.until}.png`,
          title: chartTitle(history),
          alt_text: chartAltText(history),
        }),
      { maxWaitMs: REPLY_RATE_LIMIT_WAIT_MS },
    );
    const fileId = uploadedFileId(result);
    if (!fileId) throw new Error("files.uploadV2 answered without a file id");
    return { fileId, note: null };
  } catch (err) {
    const code = slackError(err);
    deps.logger.error(`Could not upload the /form4 history chart: ${code}`, err);
    const fix = /missing_scope|not_allowed_token_type/.test(code)
      ? " (the app needs the files:write scope: reinstall it from manifest.yml)"
      : "";
    return { fileId: null, note: `The chart could not be uploaded to Slack${fix}.` };
  }
}
