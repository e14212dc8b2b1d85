// Summaries of fetched filings as Slack messages: one builder (render/blocks.ts) for every
// surface, packed here into as few messages as Slack's limits and the response_url budget allow.
import type { types } from "@slack/bolt";
import type { FetchedFiling } from "../edgar/types.js";
import {
  digestLine,
  packLines,
  section,
  summaryMessage,
  summaryUnfurlBlocks,
} from "../render/blocks.js";
import { truncateWords } from "../render/format.js";
import type { Reply } from "./replies.js";

type KnownBlock = types.KnownBlock;

/** Slack's limit of blocks in one message. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** Slack's advice for a message's `text` (notifications, screen readers). */
export const MAX_FALLBACK_TEXT = 4000;
/** A response_url accepts up to 5 posts within 30 minutes. */
export const RESPONSE_URL_POSTS = 5;

/** One filing, in full and as one line (for when there are more filings than room). */
export interface FilingReply {
  full: Reply;
  /** One mrkdwn line, already safe. */
  line: string;
}

export function filingReply(filing: FetchedFiling): FilingReply {
  return {
    full: summaryMessage(filing.summary, { url: filing.url, stale: filing.stale }),
    line: `• ${digestLine(filing.summary, filing.url)}`,
  };
}

/** Blocks for chat.unfurl: the same summary, without the button (the link is right above). */
export function unfurlBlocks(filing: FetchedFiling): KnownBlock[] {
  return summaryUnfurlBlocks(filing.summary, { stale: filing.stale });
}

function message(texts: string[], blocks: KnownBlock[]): Reply {
  return { text: truncateWords(texts.join("\n"), MAX_FALLBACK_TEXT), blocks };
}

/** Lines into sections of at most 3000 characters, never splitting a line. */
function lineSections(lines: string[]): KnownBlock[] {
  return packLines(lines).map(section);
}

/**
 * Filings as at most `maxMessages` messages of at most 50 blocks, in order, a divider between
 * filings, `lead` (e.g. a note) on top of the first. When the full summaries need more messages
 * than that, the last message lists the remaining filings one line each: never silently dropped.
 */
export function packReplies(
  filings: FilingReply[],
  maxMessages: number,
  lead: Reply | null = null,
): Reply[] {
  type Item = { reply: Reply; filing: FilingReply | null };
  const items: Item[] = [
    ...(lead ? [{ reply: lead, filing: null }] : []),
    ...filings.map((f) => ({ reply: f.full, filing: f })),
  ];
  const groups: Item[][] = [];
  let group: Item[] = [];
  let size = 0;
  for (const item of items) {
    const divider = group.some((i) => i.filing) && item.filing ? 1 : 0;
    if (group.length > 0 && size + divider + item.reply.blocks.length > MAX_BLOCKS_PER_MESSAGE) {
      groups.push(group);
      group = [];
      size = 0;
    }
    size += (group.some((i) => i.filing) && item.filing ? 1 : 0) + item.reply.blocks.length;
    group.push(item);
  }
  if (group.length > 0) groups.push(group);

  let full = groups;
  let rest: FilingReply[] = [];
  if (groups.length > maxMessages) {
    full = groups.slice(0, Math.max(0, maxMessages - 1));
    rest = groups
      .slice(full.length)
      .flat()
      .flatMap((i) => (i.filing ? [i.filing] : []));
  }

  const messages: Reply[] = full.map((g) => {
    const blocks: KnownBlock[] = [];
    g.forEach((item, j) => {
      if (j > 0 && item.filing && g[j - 1]?.filing) blocks.push({ type: "divider" });
      blocks.push(...item.reply.blocks);
    });
    return message(
      g.map((i) => i.reply.text),
      blocks,
    );
  });
  if (rest.length > 0) {
    const heading = `…and ${rest.length} more ${rest.length === 1 ? "filing" : "filings"}:`;
    const lines = rest.map((f) => f.line);
    const blocks = lineSections([heading, ...lines]);
    const texts = [heading, ...lines];
    if (lead && full.length === 0) {
      blocks.unshift(...lead.blocks);
      texts.unshift(lead.text);
    }
    messages.push(message(texts, blocks));
  }
  return messages;
}
