// The App Home tab's content. Pure; the digest part (the person's channels' watchlists and
// settings) comes from src/digest and is placed after the usage.
import type { types } from "@slack/bolt";
import { LIMITS } from "../render/block-limits.js";
import { escapeMrkdwn } from "../render/mrkdwn.js";
import { DEFAULT_FILING_COUNT, MAX_FILING_COUNT } from "./command-text.js";

type KnownBlock = types.KnownBlock;

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function noteBlock(note: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: note }] };
}

/**
 * `extra`: the digest part (see homeDigestSection), after the usage. `note`: our own mrkdwn on top
 * (what a Home button just did).
 */
export function homeView(extra: KnownBlock[] = [], note: string | null = null): types.HomeView {
  return { type: "home", blocks: withinViewLimit(homeBlocks(extra, note)) };
}

/** Slack refuses a Home tab of more blocks than it holds: past that, the rest is said, not sent. */
function withinViewLimit(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= LIMITS.blocksPerView) return blocks;
  return [
    ...blocks.slice(0, LIMITS.blocksPerView - 1),
    noteBlock(
      "More channels than the Home tab can show: `/form4 watchlist` and `/form4 alerts` in a channel list its own.",
    ),
  ];
}

function homeBlocks(extra: KnownBlock[], note: string | null): KnownBlock[] {
  return [
    ...(note ? [noteBlock(note)] : []),
    { type: "header", text: { type: "plain_text", text: "form4: insider trades at a glance" } },
    section(
      "I read SEC *Form 4* filings (what company insiders bought and sold) and summarize them: " +
        "*who* sold or bought *how much*, at what *weighted average price*, on which dates; " +
        "whether a *Rule 10b5-1 plan* was used; and what the insider *still holds*. " +
        "I can also post a *daily digest* of the new filings of the tickers a channel watches.",
    ),
    { type: "divider" },
    section(
      [
        "*How to use me*",
        `• \`/form4 ASTI\`: the latest ${DEFAULT_FILING_COUNT} Form 4 filings where ASTI is the issuer, one line each`,
        `• \`/form4 ASTI 10\`: the latest 10 (at most ${MAX_FILING_COUNT})`,
        // Slack reads < > as the start of a link or mention: the placeholder must be escaped.
        `• \`/form4 ${escapeMrkdwn("<EDGAR link or accession number>")}\`: one filing`,
        "• Paste an sec.gov filing link in a channel: I add the summary under the message",
        "• `/form4 help`: usage",
      ].join("\n"),
    ),
    section(
      [
        "*Daily digest* (type these in the channel it is for)",
        "• `/form4 watch ASTI TSLA` / `/form4 unwatch ASTI`: the channel's watchlist",
        "• `/form4 watchlist`: the watched tickers and when the digest posts",
        "• `/form4 digest at 18:00`: the time it posts (default 18:00 America/New_York, market days only); with a time zone: `/form4 digest at 08:30 Europe/London`",
        "• `/form4 digest off` / `/form4 digest on`: stop or resume it",
        "• `/form4 digest now`: post the digest right away",
        "• `/form4 digest market on` / `off`: add the day's largest insider purchases and sales across all of EDGAR",
        "In a private channel, invite me first (`/invite @form4`).",
      ].join("\n"),
    ),
    section(
      [
        "*Real-time alerts* (within seconds of EDGAR; type these in the channel)",
        "• `/form4 alert DKNG TSLA`: every new Form 4 of these companies",
        "• `/form4 alert buys over $100k` · `/form4 alert sells over $1M by ceo,cfo`",
        "• `/form4 alert clusters` · `/form4 alert first-buys`",
        `• \`/form4 alerts\`: the channel's alerts · \`/form4 alert off ${escapeMrkdwn("<rule, ticker or number>")}\` · \`/form4 alert off all\``,
      ].join("\n"),
    ),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "Data from SEC EDGAR. A price the filing does not state is shown as not reported, never as $0.",
        },
      ],
    },
    // The watchlists first after the divider: they are what a person comes back for.
    ...(extra.length > 0 ? [{ type: "divider" } as const, ...extra] : []),
  ];
}

/** In place of the watchlists when they cannot be shown; `why` is our own words. */
export function homeDigestUnavailable(why: string): KnownBlock[] {
  return [
    { type: "header", text: { type: "plain_text", text: "Watchlists and digests" } },
    section(`:warning: ${why}`),
  ];
}

/** Slack would not list the person's channels (most often: installed without the scopes). */
export function homeChannelsUnavailable(): KnownBlock[] {
  return homeDigestUnavailable(
    "I could not list your channels, so I cannot show their watchlists here. If the app was installed before the digest came, reinstall it so it has the channels:read and groups:read scopes. `/form4 watchlist` in a channel still works.",
  );
}

/**
 * Blocks the Home tab holds beside its own (usage, a note on top, the divider before the rest):
 * what the watchlists and alerts together may use (LIMITS.blocksPerView in all).
 */
export const HOME_EXTRA_BLOCKS = LIMITS.blocksPerView - homeView([], "\u00b7").blocks.length - 1;
