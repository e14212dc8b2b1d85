// The bot's own words: usage, "looking up…", and failures told as sentences. Pure.
import type { types } from "@slack/bolt";
import { EdgarError } from "../edgar/errors.js";
import { Form4ParseError } from "../form4/errors.js";
import { LIMITS } from "../render/block-limits.js";
import { escapeMrkdwn } from "../render/mrkdwn.js";
import { DEFAULT_FILING_COUNT, MAX_FILING_COUNT } from "./command-text.js";

type KnownBlock = types.KnownBlock;

export interface Reply {
  text: string;
  blocks: KnownBlock[];
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

const USAGE_LINES = [
  "*How to use /form4*",
  `• \`/form4 ASTI\`: the latest ${DEFAULT_FILING_COUNT} Form 4 filings where ASTI is the issuer, one line each`,
  `• \`/form4 ASTI 5\`: the latest 5 (at most ${MAX_FILING_COUNT})`,
  "• `/form4 https://www.sec.gov/Archives/edgar/data/…`: one filing, from any EDGAR link to it",
  "• `/form4 0001179110-07-016964`: one filing, by accession number",
  "• `/form4 history ASTI`: what ASTI's insiders bought and sold in the last 12 months, with a chart (`3m`, `6m`, `1y`, `2y` after the ticker for another window)",
  "• `/form4 help`: this message",
  "Paste an sec.gov filing link in a channel and I summarize it under the message.",
  "",
  "*Daily digest for this channel*",
  "• `/form4 watch ASTI TSLA`: add tickers to this channel's watchlist",
  "• `/form4 unwatch ASTI`: remove one",
  "• `/form4 watchlist`: the watched tickers and when the digest posts",
  "• `/form4 digest at 18:00`: post the digest at that time (default 18:00 America/New_York, market days only); add a time zone for another one: `/form4 digest at 08:30 Europe/London`",
  "• `/form4 digest off` / `/form4 digest on`: stop or resume the digest",
  "• `/form4 digest now`: post the digest right away",
  "• `/form4 digest market on` / `off`: also post the day's largest insider purchases and sales across all of EDGAR",
  "In a private channel, invite me first (`/invite @form4`) so I can post the digest.",
  "",
  "*Real-time alerts for this channel* (posted within seconds of EDGAR)",
  "• `/form4 alert DKNG TSLA`: every new Form 4 / 4/A of these companies",
  "• `/form4 alert buys over $100k`: open-market purchases of that size or more, any company",
  "• `/form4 alert sells over $1M by ceo,cfo`: large sales by these roles (ceo, cfo, coo, cto, president, chair, director, officer, 10%)",
  "• `/form4 alert clusters`: a second insider buys at the same company within 7 days",
  "• `/form4 alert first-buys`: an insider's first open-market purchase at the company in 2 years",
  "• `/form4 alerts`: this channel's alerts · `/form4 alert off DKNG` (a rule, a ticker or its number) · `/form4 alert off all`",
];

/** The usage message; `problem` (our own words, may quote the person) goes first. */
export function usageReply(problem: string | null): Reply {
  const usage = USAGE_LINES.join("\n");
  const head = problem ? `:warning: ${escapeMrkdwn(problem)}\n\n` : "";
  return { text: `${head}${usage}`, blocks: [section(`${head}${usage}`)] };
}

/**
 * Our own mrkdwn (already safe) as a reply: lines packed into sections within Slack's limit, a
 * line too long for one section cut with "…".
 */
export function textReply(text: string): Reply {
  const blocks: KnownBlock[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.length > LIMITS.sectionText ? `${raw.slice(0, LIMITS.sectionText - 1)}…` : raw;
    const next = current === "" ? line : `${current}\n${line}`;
    if (next.length > LIMITS.sectionText) {
      blocks.push(section(current));
      current = line;
    } else {
      current = next;
    }
  }
  if (current.trim() !== "") blocks.push(section(current));
  return {
    text: text.length > LIMITS.fallbackText ? `${text.slice(0, LIMITS.fallbackText - 1)}…` : text,
    blocks,
  };
}

/** A command that came in while the bot is shutting down. */
export function restartingReply(commandText: string): Reply {
  const text = `:arrows_counterclockwise: I am restarting and cannot take \`/form4 ${escapeMrkdwn(commandText).replace(/`/g, "'")}\` right now. Please try again in a minute.`;
  return { text, blocks: [section(text)] };
}

/** A command whose answer shutdown cut off (it was queued or still waiting for EDGAR). */
export function unfinishedReply(commandText: string): Reply {
  const text = `:warning: I was restarted before I could finish \`/form4 ${escapeMrkdwn(commandText).replace(/`/g, "'")}\`. Please try again in a minute.`;
  return { text, blocks: [section(text)] };
}

export function lookingUpReply(what: string): Reply {
  const text = `:hourglass_flowing_sand: Looking up ${escapeMrkdwn(what)} on EDGAR…`;
  return { text, blocks: [section(text)] };
}

export function noteReply(note: string): Reply {
  const text = escapeMrkdwn(note);
  return { text, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] };
}

/**
 * A failure in words for the person who asked. `subject` is what they asked about ("ASTI", a link).
 * `unexpected` is true when the failure is ours (a bug or an outage we did not foresee) and
 * deserves a log line with the details; the person never sees a stack trace.
 */
export function failureReply(err: unknown, subject: string): Reply & { unexpected: boolean } {
  const what = escapeMrkdwn(subject);
  let text: string;
  let unexpected = false;
  if (err instanceof EdgarError) {
    const detail = escapeMrkdwn(err.message);
    switch (err.kind) {
      case "unknownTicker":
        text = `I can't find a company with the ticker *${what}* on EDGAR.`;
        break;
      case "noFilings":
        text = `EDGAR has no Form 4 filings with *${what}* as the issuer.`;
        break;
      case "notForm4":
        text = `That is not a Form 4: ${detail}`;
        break;
      case "badLink":
      case "forbiddenHost":
        text = `I can only read links to filings on EDGAR (sec.gov) and accession numbers. ${detail}`;
        break;
      case "notFound":
        text = `EDGAR has no such filing. ${detail}`;
        break;
      case "unavailable":
        text = `EDGAR is not answering right now, and I have no saved copy for ${what}. Please try again in a few minutes.`;
        break;
      case "throttled":
        // EDGAR blocks an address for 10 minutes once it is over its rate; asking sooner extends it.
        text = `EDGAR has paused this app for going over its request rate, and I have no saved copy for ${what}. ${detail}. Please try again after that.`;
        break;
      case "tooLarge":
        text = `That filing is larger than I am willing to download. ${detail}`;
        break;
      default:
        text = `EDGAR lookup failed: ${detail}`;
    }
  } else if (err instanceof Form4ParseError) {
    text = `I found the filing for ${what} but could not read it: ${escapeMrkdwn(err.message)}`;
  } else {
    unexpected = true;
    text = `Something went wrong on my side while looking up ${what}. It has been logged; please try again.`;
  }
  const shown = `:warning: ${text}`;
  return { text: shown, blocks: [section(shown)], unexpected };
}
