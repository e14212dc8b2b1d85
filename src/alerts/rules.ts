// What `/form4 alert …` asks for, read into rules, and rules said back in words. Pure.
//
//   alert DKNG TSLA                      every new Form 4 / 4/A of these issuers
//   alert buys over $100k [by ceo,cfo]   open-market purchases (code P) worth at least that
//   alert sells over $1M [by ceo,cfo]    open-market sales (code S)
//   alert clusters                       a second insider buys at the same issuer within 7 days
//   alert first-buys                     an insider's first open-market purchase there in 2 years
//   alert off <rule | ticker | number> / alert off all

import { ROLE_WORDS, type RoleWord, roleWordOf } from "./roles.js";

export type MarketRuleKind = "buys" | "sells" | "clusters" | "firstBuys";

/** A rule as typed, before the tickers are checked against EDGAR. */
export type RuleSpec =
  | { kind: "tickers"; tickers: string[] }
  | { kind: "buys" | "sells"; minValue: number; roles: RoleWord[] }
  | { kind: "clusters" | "firstBuys" };

export type AlertCommand =
  | { kind: "add"; spec: RuleSpec }
  | { kind: "off"; target: RuleSpec | { kind: "all" } | { kind: "number"; n: number } }
  | { kind: "list" }
  | { kind: "problem"; problem: string };

interface RuleBase {
  /** The same for the same rule however it was typed: "ticker:DKNG", "buys:100000:ceo,cfo". */
  id: string;
  /** Epoch ms: filings that appear on the feed after this are news for the rule. */
  createdAt: number;
  /** Accessions on the feed's first page when the rule was made: already there, never posted. */
  baseline: string[];
}

export type AlertRule = RuleBase &
  (
    | { kind: "ticker"; ticker: string; cik: string; name: string }
    | { kind: "buys" | "sells"; minValue: number; roles: RoleWord[] }
    | { kind: "clusters" | "firstBuys" }
  );

/** Days within which a second insider's purchase makes a cluster. */
export const CLUSTER_WINDOW_DAYS = 7;
/** How far back an insider's own history is read for first-buys. */
export const FIRST_BUY_YEARS = 2;
/** Rules per channel at most (each ticker is one). */
export const MAX_RULES_PER_CHANNEL = 50;

export const ALERT_EXAMPLES =
  "/form4 alert DKNG TSLA, /form4 alert buys over $100k, /form4 alert sells over $1M by ceo,cfo, /form4 alert clusters, /form4 alert first-buys";

const TICKER = /^\$?[A-Za-z][A-Za-z0-9]{0,5}([.-][A-Za-z0-9]{1,3})?$/;

function shorten(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function problem(text: string): AlertCommand {
  return { kind: "problem", problem: text };
}

/** "$100k", "100,000", "$1.5M", "2b" → dollars; null when it is not an amount. */
export function parseAmount(raw: string): number | null {
  const m = /^\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kmb])?$/i.exec(raw.trim());
  if (!m) return null;
  const whole = Number((m[1] ?? "").replace(/,/g, ""));
  const value = whole + (m[2] ? Number(m[2]) : 0);
  const scale = { k: 1e3, m: 1e6, b: 1e9 }[(m[3] ?? "").toLowerCase() as "k" | "m" | "b"] ?? 1;
  const dollars = Math.round(value * scale);
  return Number.isFinite(dollars) ? dollars : null;
}

/** 100000 → "$100k", 1000000 → "$1M", 1500000 → "$1.5M", 2500 → "$2,500". */
export function formatAmount(dollars: number): string {
  const unit = (n: number, u: number, s: string) => {
    const v = n / u;
    return `$${Number.isInteger(v) ? v : Number(v.toFixed(2))}${s}`;
  };
  if (dollars >= 1e9 && dollars % 1e7 === 0) return unit(dollars, 1e9, "B");
  if (dollars >= 1e6 && dollars % 1e4 === 0) return unit(dollars, 1e6, "M");
  if (dollars >= 1e3 && dollars % 10 === 0) return unit(dollars, 1e3, "k");
  return `$${dollars.toLocaleString("en-US")}`;
}

const MARKET_WORDS: Record<string, MarketRuleKind> = {
  buys: "buys",
  buy: "buys",
  purchases: "buys",
  purchase: "buys",
  sells: "sells",
  sell: "sells",
  sales: "sells",
  sale: "sells",
  clusters: "clusters",
  cluster: "clusters",
  "cluster-buys": "clusters",
  "first-buys": "firstBuys",
  "first-buy": "firstBuys",
  firstbuys: "firstBuys",
};

/** The words after `/form4 alert` (or `alerts`, for `list`). */
export function parseAlertCommand(words: readonly string[]): AlertCommand {
  const [first = "", ...rest] = words;
  const verb = first.toLowerCase();
  if (verb === "") {
    return problem(`Say what to alert on, like ${ALERT_EXAMPLES}.`);
  }
  if (verb === "list") return rest.length === 0 ? { kind: "list" } : problem(listOnly());
  if (verb === "off" || verb === "remove" || verb === "stop") {
    if (rest.length === 0) {
      return problem(
        "Say which alert to turn off, like /form4 alert off DKNG, /form4 alert off buys over $100k, /form4 alert off 2 or /form4 alert off all.",
      );
    }
    const text = rest.join(" ").toLowerCase();
    if (text === "all") return { kind: "off", target: { kind: "all" } };
    if (/^#?\d{1,3}$/.test(text)) {
      return { kind: "off", target: { kind: "number", n: Number(text.replace("#", "")) } };
    }
    const spec = parseSpec(rest);
    return "problem" in spec ? problem(spec.problem) : { kind: "off", target: spec };
  }
  const spec = parseSpec(words);
  return "problem" in spec ? problem(spec.problem) : { kind: "add", spec };
}

function listOnly(): string {
  return "/form4 alerts takes nothing after it; it lists this channel's alerts.";
}

function parseSpec(words: readonly string[]): RuleSpec | { problem: string } {
  const joined = words.join(" ").trim();
  // "first buys" written as two words.
  const normalized = joined.replace(/^first\s+buys?\b/i, "first-buys");
  const parts = normalized.split(/\s+/);
  const head = (parts[0] ?? "").toLowerCase();
  const market = MARKET_WORDS[head];
  if (market === "clusters" || market === "firstBuys") {
    if (parts.length > 1) {
      const shown = market === "clusters" ? "clusters" : "first-buys";
      return {
        problem: `/form4 alert ${shown} takes nothing after it (it watches every issuer); got "${shorten(parts.slice(1).join(" "))}".`,
      };
    }
    return { kind: market };
  }
  if (market === "buys" || market === "sells") return parseTradeRule(market, parts.slice(1));
  const tickers = normalized
    .split(/[\s,]+/)
    .filter((w) => w !== "")
    .map((w) => w.replace(/^\$/, "").toUpperCase());
  const bad = tickers.find((t) => !TICKER.test(t));
  if (bad !== undefined) {
    return {
      problem: `"${shorten(bad)}" is not a ticker or an alert kind. Try ${ALERT_EXAMPLES}.`,
    };
  }
  return { kind: "tickers", tickers: [...new Set(tickers)] };
}

/** "over $100k by ceo,cfo" after buys / sells. */
function parseTradeRule(kind: "buys" | "sells", words: string[]): RuleSpec | { problem: string } {
  let minValue = 0;
  let roles: RoleWord[] = [];
  let i = 0;
  const example =
    kind === "buys" ? "/form4 alert buys over $100k" : "/form4 alert sells over $1M by ceo,cfo";
  while (i < words.length) {
    const word = (words[i] ?? "").toLowerCase();
    if (word === "over" || word === "above" || word === ">" || word === ">=") {
      const amountText = words[i + 1];
      const amount = amountText === undefined ? null : parseAmount(amountText);
      if (amount === null || amount <= 0) {
        return {
          problem: `"${shorten(amountText ?? "")}" is not an amount in dollars, like $100k, $1M or 250,000 (e.g. ${example}).`,
        };
      }
      minValue = amount;
      i += 2;
      continue;
    }
    if (word === "by") {
      const list = words
        .slice(i + 1)
        .join(" ")
        .split(/[\s,]+/)
        .filter((w) => w !== "" && w.toLowerCase() !== "or" && w.toLowerCase() !== "and");
      if (list.length === 0) return { problem: `Name the roles after "by", like ${example}.` };
      const parsed: RoleWord[] = [];
      for (const w of list) {
        const role = roleWordOf(w);
        if (!role) {
          return {
            problem: `"${shorten(w)}" is not a role I know; use ${ROLE_WORDS.join(", ")} (e.g. ${example}).`,
          };
        }
        if (!parsed.includes(role)) parsed.push(role);
      }
      roles = parsed.sort((a, b) => ROLE_WORDS.indexOf(a) - ROLE_WORDS.indexOf(b));
      break;
    }
    const amount = parseAmount(word);
    if (amount !== null && amount > 0) {
      minValue = amount;
      i += 1;
      continue;
    }
    return {
      problem: `I did not understand "${shorten(words.slice(i).join(" "))}" after ${kind}; try ${example}.`,
    };
  }
  return { kind, minValue, roles };
}

/** The rule's id: one per rule however it was typed. */
export function ruleId(
  spec: Exclude<RuleSpec, { kind: "tickers" }> | { kind: "ticker"; ticker: string },
): string {
  switch (spec.kind) {
    case "ticker":
      return `ticker:${spec.ticker}`;
    case "buys":
    case "sells":
      return `${spec.kind}:${spec.minValue}:${spec.roles.join(",")}`;
    case "clusters":
      return "clusters";
    case "firstBuys":
      return "first-buys";
  }
}

/** A rule in the words a person would type: "buys over $100k by ceo, cfo", "DKNG (DraftKings)". */
export function describeRule(rule: AlertRule): string {
  switch (rule.kind) {
    case "ticker":
      return `${rule.ticker} (${rule.name}): every Form 4 and 4/A`;
    case "buys":
    case "sells": {
      const what = rule.kind === "buys" ? "open-market buys" : "open-market sells";
      const over = rule.minValue > 0 ? ` of ${formatAmount(rule.minValue)} or more` : "";
      const by = rule.roles.length > 0 ? ` by ${rule.roles.join(", ")}` : "";
      return `${what}${over}${by}`;
    }
    case "clusters":
      return `cluster buys (a second insider buys at the same company within ${CLUSTER_WINDOW_DAYS} days)`;
    case "firstBuys":
      return `first buys (an insider's first open-market purchase at the company in ${FIRST_BUY_YEARS} years)`;
  }
}

/** What `/form4 alert <it>` says: short, for the line above an alert. */
export function ruleLabel(rule: AlertRule): string {
  switch (rule.kind) {
    case "ticker":
      return rule.ticker;
    case "buys":
    case "sells": {
      const over = rule.minValue > 0 ? ` over ${formatAmount(rule.minValue)}` : "";
      const by = rule.roles.length > 0 ? ` by ${rule.roles.join(",")}` : "";
      return `${rule.kind}${over}${by}`;
    }
    case "clusters":
      return "clusters";
    case "firstBuys":
      return "first-buys";
  }
}
