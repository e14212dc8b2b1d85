// `/form4 alert …` and `/form4 alerts`: add, list and remove a channel's alert rules. Each returns
// the reply (our own mrkdwn) for the person who typed it; mistakes a person can fix come back as
// one line with an example, never as a stack trace.

import type { types } from "@slack/bolt";
import type { PostProblem } from "../channel-access.js";
import { StateBusyError } from "../digest/claims.js";
import { EdgarError } from "../edgar/errors.js";
import type { Form4Source } from "../edgar/types.js";
import { LIMITS } from "../render/block-limits.js";
import { type HomeAlertChannel, homeAlertRuleBlocks } from "../render/home.js";
import { escapeMrkdwn } from "../render/mrkdwn.js";
import type { Store } from "../store.js";
import {
  ALERT_EXAMPLES,
  type AlertCommand,
  type AlertRule,
  describeRule,
  MAX_RULES_PER_CHANNEL,
  type RuleSpec,
  ruleId,
  ruleLabel,
} from "./rules.js";
import { type ChannelRef, editRules, getRules } from "./state.js";

export interface AlertCommandDeps {
  store: Store;
  source: Form4Source;
  now: () => number;
  /** Accessions on the feed's first page right now (what is already there is not news). */
  baseline: () => Promise<string[]>;
  /** How often the feed is read, for the reply. */
  pollSeconds: number;
}

function bold(s: string): string {
  return `*${escapeMrkdwn(s)}*`;
}

/** The same company ticker however the class is written: BRK.B = BRK-B. */
function sameTicker(a: string, b: string): boolean {
  return a.replace(/\./g, "-") === b.replace(/\./g, "-");
}

export async function alertCommand(
  deps: AlertCommandDeps,
  channel: ChannelRef,
  command: AlertCommand,
): Promise<string> {
  try {
    switch (command.kind) {
      case "problem":
        return `:warning: ${escapeMrkdwn(command.problem)}`;
      case "list":
        return listReply(await getRules(deps.store, channel));
      case "add":
        return await add(deps, channel, command.spec);
      case "off":
        return await off(deps, channel, command.target);
    }
  } catch (error) {
    if (error instanceof StateBusyError) return error.message;
    throw error;
  }
}

/** "Alerts in this channel: 1. …" or how to add one. */
export function listReply(rules: readonly AlertRule[]): string {
  if (rules.length === 0) {
    return "No alerts in this channel. Add one, like `/form4 alert DKNG TSLA` or `/form4 alert buys over $100k`.";
  }
  const lines = rules.map((r, i) => `${i + 1}. ${escapeMrkdwn(describeRule(r))}`);
  return [
    "*Alerts in this channel*",
    ...lines,
    "Turn one off with `/form4 alert off 2` (or its words, like `/form4 alert off DKNG`), or all with `/form4 alert off all`.",
  ].join("\n");
}

/** One line per rule for the watchlist answer and the Home tab. */
export function alertsLine(rules: readonly AlertRule[]): string {
  if (rules.length === 0)
    return "Alerts: none (add one with `/form4 alert DKNG` or `/form4 alert buys over $100k`).";
  return `Alerts: ${rules.map((r) => escapeMrkdwn(describeRule(r))).join("; ")}.`;
}

async function baselineOf(deps: AlertCommandDeps): Promise<string[]> {
  try {
    return await deps.baseline();
  } catch {
    // Without it, only the time the rule was made says what is new: still nothing posted twice.
    return [];
  }
}

async function add(deps: AlertCommandDeps, channel: ChannelRef, spec: RuleSpec): Promise<string> {
  const now = deps.now();
  if (spec.kind !== "tickers") {
    const id = ruleId(spec);
    let added = false;
    let full = false;
    const baseline = await baselineOf(deps);
    const rules = await editRules(deps.store, channel, (rules) => {
      if (rules.some((r) => r.id === id)) return rules;
      if (rules.length >= MAX_RULES_PER_CHANNEL) {
        full = true;
        return rules;
      }
      added = true;
      return [...rules, { ...spec, id, createdAt: now, baseline } as AlertRule];
    });
    const rule = rules.find((r) => r.id === id);
    if (full) return fullReply();
    if (!rule) return listReply(rules);
    const what = escapeMrkdwn(describeRule(rule));
    return added
      ? `Alert on: ${what}. New filings are posted here within about ${deps.pollSeconds} seconds of appearing on EDGAR (in a private channel, invite me first).`
      : `That alert is already on here: ${what}.`;
  }

  const lines: string[] = [];
  const found: { typed: string; ticker: string; cik: string; name: string }[] = [];
  for (const typed of spec.tickers) {
    try {
      const company = await deps.source.company(typed);
      found.push({ typed, ticker: company.ticker, cik: company.cik, name: company.name });
    } catch (error) {
      if (error instanceof EdgarError && error.kind === "unknownTicker") {
        lines.push(
          `No company with ticker ${bold(typed)} on EDGAR; check the spelling, like \`/form4 alert DKNG TSLA\` (class shares like BRK.B work).`,
        );
      } else {
        const why = error instanceof Error ? error.message : String(error);
        lines.push(
          `Could not check ${bold(typed)} on EDGAR right now (${escapeMrkdwn(why)}); try again in a minute.`,
        );
      }
    }
  }
  if (found.length > 0) {
    const baseline = await baselineOf(deps);
    const added: string[] = [];
    const already: string[] = [];
    let overLimit: string[] = [];
    await editRules(deps.store, channel, (rules) => {
      const next = [...rules];
      for (const f of found) {
        const existing = next.find(
          (r) => r.kind === "ticker" && (r.cik === f.cik || sameTicker(r.ticker, f.ticker)),
        );
        if (existing) {
          already.push(f.ticker);
          continue;
        }
        if (next.length >= MAX_RULES_PER_CHANNEL) {
          overLimit = [...overLimit, f.ticker];
          continue;
        }
        next.push({
          kind: "ticker",
          id: ruleId({ kind: "ticker", ticker: f.ticker }),
          ticker: f.ticker,
          cik: f.cik,
          name: f.name,
          createdAt: now,
          baseline,
        });
        added.push(`${bold(f.ticker)} (${escapeMrkdwn(f.name)})`);
      }
      return next;
    });
    if (added.length > 0) {
      lines.unshift(
        `Alert on ${added.join(", ")}: every new Form 4 and 4/A where ${added.length === 1 ? "it is" : "they are"} the issuer is posted here within about ${deps.pollSeconds} seconds of appearing on EDGAR.`,
      );
    }
    if (already.length > 0) lines.push(`Already alerting on ${already.map(bold).join(", ")} here.`);
    if (overLimit.length > 0)
      lines.push(`${fullReply()} Not added: ${overLimit.map(bold).join(", ")}.`);
  }
  return lines.join("\n");
}

function fullReply(): string {
  return `This channel has ${MAX_RULES_PER_CHANNEL} alerts, the most it can have; turn some off first (\`/form4 alerts\` lists them).`;
}

type OffTarget = Extract<AlertCommand, { kind: "off" }>["target"] | { kind: "id"; id: string };

/** Removes the rules `target` names, under the channel's edit lock: what `/form4 alert off` does. */
async function removeRules(
  store: Store,
  channel: ChannelRef,
  target: OffTarget,
): Promise<{ removed: AlertRule[]; missing: string | null; rules: AlertRule[] }> {
  let removed: AlertRule[] = [];
  let missing: string | null = null;
  const rules = await editRules(store, channel, (rules) => {
    let drop: AlertRule[];
    switch (target.kind) {
      case "all":
        drop = rules;
        break;
      case "id":
        // A Home button: the rule it was drawn for, wherever it is in the list now.
        drop = rules.filter((r) => r.id === target.id);
        if (drop.length === 0) missing = "That alert is already off here.";
        break;
      case "number": {
        const rule = rules[target.n - 1];
        drop = rule ? [rule] : [];
        if (!rule) missing = `There is no alert number ${target.n} here.`;
        break;
      }
      case "tickers":
        drop = rules.filter(
          (r) => r.kind === "ticker" && target.tickers.some((t) => sameTicker(t, r.ticker)),
        );
        if (drop.length < target.tickers.length) {
          const left = target.tickers.filter(
            (t) => !drop.some((r) => r.kind === "ticker" && sameTicker(t, r.ticker)),
          );
          missing = `No alert on ${left.map(bold).join(", ")} here.`;
        }
        break;
      default: {
        const id = ruleId(target);
        const exact = rules.filter((r) => r.id === id);
        // "off buys" with no amount: every buys rule.
        const loose =
          (target.kind === "buys" || target.kind === "sells") &&
          target.minValue === 0 &&
          target.roles.length === 0
            ? rules.filter((r) => r.kind === target.kind)
            : [];
        drop = exact.length > 0 ? exact : loose;
        if (drop.length === 0) missing = "No such alert here.";
      }
    }
    removed = drop;
    return rules.filter((r) => !drop.includes(r));
  });
  return { removed, missing, rules };
}

function turnedOff(removed: readonly AlertRule[]): string {
  return `Turned off: ${removed.map((r) => escapeMrkdwn(describeRule(r))).join("; ")}.`;
}

async function off(
  deps: AlertCommandDeps,
  channel: ChannelRef,
  target: Extract<AlertCommand, { kind: "off" }>["target"],
): Promise<string> {
  const { removed, missing, rules } = await removeRules(deps.store, channel, target);
  const lines: string[] = [];
  if (removed.length > 0) lines.push(turnedOff(removed));
  if (missing) lines.push(missing);
  lines.push(rules.length === 0 ? "No alerts left in this channel." : listReply(rules));
  return lines.join("\n");
}

/**
 * The Home tab's "Turn off" button: removes the rule with this id, as `/form4 alert off <n>` does
 * for it. The reply is short (it goes on top of the Home tab): what went, and how many are left.
 */
export async function alertOffCommand(
  store: Store,
  channel: ChannelRef,
  id: string,
): Promise<string> {
  try {
    const { removed, missing, rules } = await removeRules(store, channel, { kind: "id", id });
    const left =
      rules.length === 0
        ? "No alerts left in this channel."
        : `${rules.length === 1 ? "1 alert" : `${rules.length} alerts`} left here (\`/form4 alerts\`).`;
    return [removed.length > 0 ? turnedOff(removed) : missing, left].filter(Boolean).join(" ");
  } catch (error) {
    if (error instanceof StateBusyError) return error.message;
    throw error;
  }
}

export { ALERT_EXAMPLES };

type KnownBlock = types.KnownBlock;

/**
 * The Home tab's alerts part: each of the person's channels that has alerts, its rules and their
 * "Turn off" buttons, in at most `maxBlocks` blocks (src/render/home.ts).
 */
export async function homeAlertBlocks(
  store: Store,
  teamId: string,
  channels: readonly string[],
  cannotPost: ReadonlyMap<string, PostProblem> = new Map(),
  maxBlocks: number = LIMITS.blocksPerView,
): Promise<KnownBlock[]> {
  const rows: HomeAlertChannel[] = [];
  for (const channelId of channels.slice(0, 200)) {
    const rules = await getRules(store, { teamId, channelId });
    if (rules.length === 0) continue;
    rows.push({
      channel: channelId,
      rules: rules.map((r) => ({ id: r.id, label: ruleLabel(r) })),
      cannotPost: cannotPost.get(channelId) ?? null,
    });
  }
  return homeAlertRuleBlocks(rows, maxBlocks);
}
