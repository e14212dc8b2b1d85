// The Home tab's watchlists and alerts: per channel the person is in, its watched tickers and
// digest settings, with buttons to post the digest now and to remove a ticker; its alert rules,
// with a button to turn each off. Pure.
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

/**
 * "Turn off DKNG" under a channel's alert rules: `home_alert_off_<n>` (unique within the block);
 * the value is "<channel>|<rule id>". Stable prefix, matched by this pattern.
 */
export const HOME_ALERT_OFF_ACTION_PREFIX = "home_alert_off_";
export const HOME_ALERT_OFF_ACTION = /^home_alert_off_\d+$/;

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

/** "C0INSIDERS|buys:100000:ceo,cfo" → the channel and the rule's id (src/alerts/rules.ts ruleId). */
export function parseAlertOffValue(value: string): { channel: string; ruleId: string } | null {
  const m = /^([A-Z0-9]{1,30})\|([A-Za-z0-9.,:%-]{1,200})$/.exec(value);
  return m?.[1] && m[2] ? { channel: m[1], ruleId: m[2] } : null;
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

/** One alert rule on the Home tab: its id (for the button) and what `/form4 alert <it>` says. */
export interface HomeAlertRule {
  id: string;
  label: string;
}

export interface HomeAlertChannel {
  channel: string;
  rules: readonly HomeAlertRule[];
  cannotPost?: PostProblem | null;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}\u2026` : s;
}

function alertOffButton(channel: string, rule: HomeAlertRule, i: number) {
  return {
    type: "button" as const,
    action_id: `${HOME_ALERT_OFF_ACTION_PREFIX}${i}`,
    text: { type: "plain_text" as const, text: clip(`Turn off ${rule.label}`, LIMITS.buttonText) },
    value: `${channel}|${rule.id}`,
    confirm: {
      title: { type: "plain_text" as const, text: "Turn off this alert?" },
      text: {
        type: "plain_text" as const,
        text: clip(
          `Stop the "${rule.label}" alerts in this channel. Anyone in the channel can turn it on again with /form4 alert ${rule.label}.`,
          300,
        ),
      },
      confirm: { type: "plain_text" as const, text: "Turn off" },
      deny: { type: "plain_text" as const, text: "Keep" },
    },
  };
}

/**
 * The Home tab's alerts: per channel with rules, one line naming them and a "Turn off" button for
 * each (at most an actions block's worth; the rest by number, `/form4 alert off 26`), in at most
 * `maxBlocks` blocks; channels past that are counted in a last line.
 */
export function homeAlertRuleBlocks(
  channels: readonly HomeAlertChannel[],
  maxBlocks: number = LIMITS.blocksPerView,
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Real-time alerts" } },
  ];
  const withRules = channels.filter((c) => c.rules.length > 0);
  if (withRules.length === 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "None of your channels has alerts yet. In a channel: `/form4 alert DKNG` or `/form4 alert buys over $100k`.",
      },
    });
    return blocks;
  }
  // Room kept for the "and N more channels" line.
  const room = Math.max(0, maxBlocks - blocks.length - 1);
  let used = 0;
  let shown = 0;
  for (const c of withRules) {
    const mention = channelMention(c.channel);
    // As for Remove: no buttons where the bot cannot post (the warning says what to do).
    const buttons =
      c.cannotPost || !parseChannelValue(c.channel)
        ? []
        : c.rules
            .filter((r) => parseAlertOffValue(`${c.channel}|${r.id}`) !== null)
            .slice(0, LIMITS.actionsElements);
    const need = buttons.length > 0 ? 2 : 1;
    if (used + need > room) break;
    const labels = c.rules.map((r) => escapeMrkdwn(r.label)).join(" \u00b7 ");
    const rest = c.rules.length - buttons.length;
    const more =
      buttons.length > 0 && rest > 0
        ? `\n_\u2026and ${rest} more ${rest === 1 ? "rule" : "rules"} without a button: \`/form4 alerts\` there lists them, \`/form4 alert off ${buttons.length + 1}\` turns one off._`
        : "";
    const warning = c.cannotPost ? `\n${cannotPostLine(c.cannotPost, mention)}` : "";
    const head = `${mention}: `;
    const tail = `${more}${warning}`;
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `${head}${clip(labels, LIMITS.sectionText - head.length - tail.length)}${tail}`,
        verbatim: true,
      },
    });
    if (buttons.length > 0) {
      blocks.push({
        type: "actions",
        elements: buttons.map((r, i) => alertOffButton(c.channel, r, i)),
      });
    }
    used += need;
    shown += 1;
  }
  const hidden = withRules.length - shown;
  if (hidden > 0) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `\u2026 and ${hidden} more ${hidden === 1 ? "channel" : "channels"} with alerts: \`/form4 alerts\` in each`,
        },
      ],
    });
  }
  return blocks;
}
