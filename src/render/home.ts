// The Home tab's watchlists: per channel the person is in, its watched tickers and digest
// settings, with buttons to post the digest now and to remove a ticker. Pure.
import type { types } from "@slack/bolt";
import type { PostProblem } from "../channel-access.js";
import { LIMITS } from "./block-limits.js";
import { cannotPostLine } from "./channel-access.js";
import { bold, escapeMrkdwn } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;

/** "Digest now" beside a channel's watchlist; the value is the channel id. Stable. */
export const HOME_DIGEST_NOW_ACTION_ID = "home_digest_now";
/**
 * "Remove AAPL": Slack wants action ids unique within a block, so each button of a channel's row
 * is `home_unwatch_<n>`; the value is "<channel>|<ticker>". Stable prefix, matched by this pattern.
 */
export const HOME_UNWATCH_ACTION_PREFIX = "home_unwatch_";
export const HOME_UNWATCH_ACTION = /^home_unwatch_\d+$/;

/** How many channels the Home shows (2 blocks each, within the Home's LIMITS.blocksPerView). */
export const HOME_CHANNELS_SHOWN = 30;
/** Remove buttons per channel: one under what an actions block holds. */
const REMOVE_BUTTONS = LIMITS.actionsElements - 1;

export interface HomeChannel {
  /** The channel id in the person's workspace. */
  channel: string;
  tickers: readonly string[];
  /** Our own words on when the digest posts (already-safe mrkdwn). */
  settings: string;
  /** Slack refuses the bot's posts there (src/channel-access.ts): said, with what to do. */
  cannotPost?: PostProblem | null;
}

/** Slack's channel ids are letters and digits; anything else is not put into a <#…> mention. */
export function channelMention(channel: string): string {
  return /^[A-Z0-9]+$/.test(channel) ? `<#${channel}>` : escapeMrkdwn(channel);
}

/** "C0INSIDERS|AAPL" → the channel and ticker; null for anything else. */
export function parseUnwatchValue(value: string): { channel: string; ticker: string } | null {
  const m = /^([A-Z0-9]{1,30})\|([A-Z0-9.-]{1,12})$/.exec(value);
  return m?.[1] && m[2] ? { channel: m[1], ticker: m[2] } : null;
}

/** A channel id as the Digest-now button carries it; null for anything else. */
export function parseChannelValue(value: string): string | null {
  return /^[A-Z0-9]{1,30}$/.test(value) ? value : null;
}

/** Home tab blocks: each channel's watchlist, digest settings, and its buttons. */
export function homeWatchlistBlocks(channels: readonly HomeChannel[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Watchlists and digests" } },
  ];
  if (channels.length === 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "None of your channels watches a ticker yet. In a channel: `/form4 watch ASTI TSLA`, then `/form4 digest at 18:00`.",
      },
    });
    return blocks;
  }
  const shown = channels.slice(0, HOME_CHANNELS_SHOWN);
  for (const c of shown) {
    const tickers = c.tickers.map((t) => bold(escapeMrkdwn(t))).join(", ");
    const mention = channelMention(c.channel);
    const warning = c.cannotPost ? `\n${cannotPostLine(c.cannotPost, mention)}` : "";
    const section: types.SectionBlock = {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${mention}: ${tickers}\n${c.settings}${warning}`,
        verbatim: true,
      },
    };
    // No Digest now where the bot cannot post (it would be refused): the warning says what to do.
    if (parseChannelValue(c.channel) && !c.cannotPost) {
      section.accessory = {
        type: "button",
        action_id: HOME_DIGEST_NOW_ACTION_ID,
        text: { type: "plain_text", text: "Digest now" },
        value: c.channel,
      };
    }
    blocks.push(section);
    // Nor Remove buttons: Slack may not list such a channel (a private one the bot left) to the
    // check that a button acts only where the person is; `/form4 unwatch` there works.
    const removable = c.cannotPost
      ? []
      : c.tickers.filter((t) => parseUnwatchValue(`${c.channel}|${t}`) !== null);
    if (removable.length > 0) {
      blocks.push({
        type: "actions",
        elements: removable.slice(0, REMOVE_BUTTONS).map((t, i) => ({
          type: "button" as const,
          action_id: `${HOME_UNWATCH_ACTION_PREFIX}${i}`,
          text: { type: "plain_text" as const, text: `Remove ${t}` },
          value: `${c.channel}|${t}`,
          confirm: {
            title: { type: "plain_text" as const, text: `Remove ${t}?` },
            text: {
              type: "plain_text" as const,
              text: `Stop watching ${t} in this channel's digest. Anyone in the channel can add it again with /form4 watch ${t}.`,
            },
            confirm: { type: "plain_text" as const, text: "Remove" },
            deny: { type: "plain_text" as const, text: "Keep" },
          },
        })),
      });
    }
  }
  if (channels.length > shown.length) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `and ${channels.length - shown.length} more channels: \`/form4 watchlist\` in each`,
        },
      ],
    });
  }
  return blocks;
}
