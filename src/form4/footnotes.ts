// Reading what footnotes and remarks say in words: weighted-average price ranges, Rule 10b5-1
// plans (and when they were adopted), and derivative holdings stated only in a footnote. Pure.
//
// Every reader here prefers saying nothing to guessing: a sentence that does not clearly state a
// fact yields null / nothing.

import { cleanText, parseDate, parseNumber } from "./parse/values.js";

// ---------------------------------------------------------------------------------------------
// Sentences

// Words that end in a period without ending a sentence ("Mr. Misra", "Apple Inc. or").
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "jr",
  "sr",
  "st",
  "inc",
  "co",
  "corp",
  "ltd",
  "no",
  "nos",
  "vs",
  "approx",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "u.s",
  "l.p",
  "l.l.c",
  "n.a",
  "i.e",
  "e.g",
]);

// The longest abbreviation above: a longer word before a period is never one.
const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

function isWordChar(code: number): boolean {
  // A-Z, a-z and "." (abbreviations such as "u.s" and "l.l.c" hold periods).
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46;
}

/**
 * The letters-and-periods word that ends just before `end`, lower-cased, or "" when it is longer
 * than any abbreviation. It looks back at most LONGEST_ABBREVIATION + 1 characters, so splitting
 * stays linear in the text however many initials or abbreviations it holds.
 */
function wordBefore(text: string, end: number, floor: number): string {
  let i = end;
  while (i > floor && end - i <= LONGEST_ABBREVIATION && isWordChar(text.charCodeAt(i - 1))) i--;
  if (end - i > LONGEST_ABBREVIATION) return "";
  return text.slice(i, end).toLowerCase();
}

/** How a reader splits a text into sentences: `sentences`, or a filing's FootnoteReadings. */
export type SentenceSplit = (text: string) => readonly string[];

/** Split text into sentences, keeping abbreviations ("Mr.", "Inc.") and decimals ("$16.76") intact. */
export function sentences(text: string): readonly string[] {
  return splitSentences(text);
}

function splitSentences(text: string): string[] {
  const clean = cleanText(text);
  if (clean === "") return [];
  const out: string[] = [];
  let start = 0;
  const re = /[.!?](?= ["'(]?[A-Z0-9$])/g;
  for (let m = re.exec(clean); m !== null; m = re.exec(clean)) {
    const end = m.index;
    const lastWord = wordBefore(clean, end, start);
    // A single capital letter ("Ashutosh K. Misra") or a known abbreviation does not end a sentence.
    if (ABBREVIATIONS.has(lastWord) || /^[a-z]$/.test(lastWord)) continue;
    out.push(clean.slice(start, end + 1).trim());
    start = end + 1;
  }
  const rest = clean.slice(start).trim();
  if (rest !== "") out.push(rest);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Weighted-average price ranges

export interface PriceRange {
  min: number;
  max: number;
}

const MONEY = String.raw`(?:US\s?)?\$\s*(\d[\d,]*(?:\.\d+)?|\.\d+)`;
const DASH = "[-‐‑‒–—−]";
const SPAN = String.raw`\s*(?:to|through|${DASH})\s*`;
// Ranges named as such: always read.
const RANGE_RES: readonly RegExp[] = [
  // "prices ranging from $X to $Y", "ranged from $X to $Y, inclusive", "range from a low of $X to a
  // high of $Y", "in a range of $X to $Y", "range of prices: $X-$Y", "the range of sale prices was
  // $X to $Y", "prices ranging between $X - $Y", "prices ranged: $X – $Y", "prices of $X–$Y"
  new RegExp(
    String.raw`\b(?:rang(?:e|es|ed|ing)|prices?)\s*:?\s+(?:(?:of\s+(?:(?:sale|sales|purchase)\s+)?prices?(?:\s+(?:was|were|is))?|of|from|between)\s*:?\s*)?(?:a\s+low\s+of\s+)?${MONEY}${SPAN}(?:a\s+high\s+of\s+)?${MONEY}`,
    "gi",
  ),
  // "between $X and $Y", "between $X – $Y"
  new RegExp(String.raw`\bbetween\s+${MONEY}\s*(?:and|to|${DASH})\s*${MONEY}`, "gi"),
];
// Bare spans, read only in a sentence about the trades' prices: "from $X to $Y, inclusive",
// "sold at $X – $Y".
const SPAN_RES: readonly RegExp[] = [
  new RegExp(String.raw`\bfrom\s+${MONEY}${SPAN}${MONEY}(?=\s*,?\s*inclusive\b)`, "gi"),
  new RegExp(String.raw`${MONEY}\s*${DASH}\s*${MONEY}`, "gi"),
];
const ALL_RES: readonly RegExp[] = [...RANGE_RES, ...SPAN_RES];
const PRICE_SENTENCE =
  /\bweighted[-\s]+average\b|\bprices\b|\b(?:sold|purchased|bought|acquired)\s+at\b|\binclusive\b/i;

/**
 * Every price range a footnote states ("at prices ranging from $66.52 to $67.40, inclusive",
 * "between $10.00 and $10.50", "in a range of $10.10 to $10.35"), low to high, in the order
 * written. Empty when there is none.
 */
export function priceRanges(text: string, split: SentenceSplit = sentences): readonly PriceRange[] {
  return readPriceRanges(text, split);
}

function twoDollarSigns(text: string): boolean {
  const first = text.indexOf("$");
  return first !== -1 && text.indexOf("$", first + 1) !== -1;
}

function readPriceRanges(text: string, split: SentenceSplit): PriceRange[] {
  const out: PriceRange[] = [];
  // Every range names two dollar amounts: most footnotes name none and need no splitting.
  if (!twoDollarSigns(text)) return out;
  for (const sentence of split(text)) {
    if (!twoDollarSigns(sentence)) continue;
    const res = PRICE_SENTENCE.test(sentence) ? ALL_RES : RANGE_RES;
    const found: { at: number; end: number; range: PriceRange }[] = [];
    for (const re of res) {
      re.lastIndex = 0;
      for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
        const a = parseNumber(m[1]);
        const b = parseNumber(m[2]);
        if (a === null || b === null) continue;
        const range = { min: Math.min(a, b), max: Math.max(a, b) };
        found.push({ at: m.index, end: m.index + m[0].length, range });
      }
    }
    // Several patterns can read the same words ("ranging from $1 - $2"): each span once.
    found.sort((x, y) => x.at - y.at || y.end - x.end);
    let taken = 0;
    for (const f of found) {
      if (f.at < taken) continue;
      out.push(Object.freeze(f.range));
      taken = f.end;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rule 10b5-1 plans

/** "10b" or "10B": a plain search (V8 scans a case-insensitive pattern character by character). */
function mentions10b(text: string): boolean {
  // One scan for "10", then the letter after it (two includes() would read the text twice).
  for (let at = text.indexOf("10"); at !== -1; at = text.indexOf("10", at + 1)) {
    const c = text.charCodeAt(at + 2);
    if (c === 98 || c === 66) return true;
  }
  return false;
}

/** "10b5-1", "10b5–1" (en dash), "10b-5-1", "10b5-1(c)"; never "Rule 10b-5" alone. */
const PLAN_MENTION = /\b10b\s?-?\s?5\s?[-‐‑–—]\s?1\b/i;
const LINK =
  /\b(?:pursuant\s+to|under|in\s+accordance\s+with|in\s+compliance\s+with|according\s+to|in\s+connection\s+with|through|as\s+part\s+of|subject\s+to|covered\s+by|in\s+reliance\s+on)\b/i;
const TRANSACTION_WORD =
  /\b(?:transactions?|sales?|sold|purchases?|purchased|trades?|traded|shares|effected|executed|made|acquired|acquisitions?|disposed|dispositions?|exercised|exercises?|gifts?)\b/i;
// Sentences that explain what such a plan is, rather than saying one was used.
const DEFINITION =
  /\b(?:means|refers\s+to|is\s+defined|as\s+defined|defined\s+in|provides?\s+an\s+affirmative\s+defense|permits|allows|is\s+a\s+(?:written\s+)?(?:trading\s+)?plan)\b/i;
// Words that can deny the plan. "No." before a number ("No. 2 Trust") is a name, not a negation.
const NEGATION =
  /\b(?:not|never|no(?!\.\s*\d)|none|neither|nor|without|other\s+than|outside(?:\s+of)?)\b/gi;
// The same link words, all of them, to find the last one between a negation and the mention.
const LINKS = new RegExp(LINK.source, "gi");
// A finite verb or relative pronoun after the negation starts another predicate: in "shares not
// held in the trust were made pursuant to", the "not" belongs to "held", and "were" is the verb.
const NEW_PREDICATE =
  /\b(?:am|is|are|was|were|has|have|had|do|does|did|will|would|shall|should|may|might|can|could|must|which|who|whom|whose)\b/i;
const CLAUSE_BREAK =
  /,\s*(?:and|but|or|while|whereas)\b|\b(?:but|while|whereas|although|though|however|except)\b|[;:]/i;
// How far back a negation may stand from the mention ("were not made pursuant to a trading plan
// intended to satisfy the affirmative defense conditions of Rule 10b5-1(c)").
const NEGATION_REACH = 160;

const MONTH_NAME =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?";
const DATE_TEXT = new RegExp(
  String.raw`(${MONTH_NAME}\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+${MONTH_NAME},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})`,
  "i",
);
const ADOPTION_VERB =
  /\b(?:adopted|adoption|entered\s+into|established|executed|dated|effective)\b/gi;

export interface PlanStatement {
  /** true: the text says trades were made under a Rule 10b5-1 plan; false: it says they were not. */
  used: boolean;
  /** The sentence it was read from, for people to check. */
  sentence: string;
  /** YYYY-MM-DD when the text says when the plan was adopted / entered into. */
  adoptionDate: string | null;
}

/**
 * Whether a negation governs the plan itself: "were not made pursuant to a Rule 10b5-1 plan",
 * "no Rule 10b5-1 plan", "without a 10b5-1 plan", "not intended to satisfy … Rule 10b5-1(c)",
 * "None of the shares were sold pursuant to …" — but not an unrelated "not" earlier in the
 * sentence ("Sales of shares not held in the trust were made pursuant to …").
 */
function negated(sentence: string, mentionAt: number): boolean {
  const clauseStart = sentence.lastIndexOf(";", mentionAt) + 1;
  let windowStart = Math.max(clauseStart, mentionAt - NEGATION_REACH);
  // Start on a word, so a cut "cannot" does not read as "not".
  while (
    windowStart > clauseStart &&
    windowStart < mentionAt &&
    /\w/.test(sentence[windowStart - 1] ?? "")
  ) {
    windowStart++;
  }
  const window = sentence.slice(windowStart, mentionAt);
  NEGATION.lastIndex = 0;
  for (let m = NEGATION.exec(window); m !== null; m = NEGATION.exec(window)) {
    const gap = window.slice(m.index + m[0].length);
    // What the negation applies to runs up to the last link word ("pursuant to", "under", …);
    // what follows the link only describes the plan.
    let linkAt = -1;
    LINKS.lastIndex = 0;
    for (let l = LINKS.exec(gap); l !== null; l = LINKS.exec(gap)) linkAt = l.index;
    const governed = linkAt < 0 ? gap : gap.slice(0, linkAt);
    if (CLAUSE_BREAK.test(governed)) continue;
    // "No shares were sold …", "None of the transactions were …": a negated subject denies the
    // whole predicate, verb and all.
    const atClauseStart =
      /^(?:no|none|neither)$/i.test(m[0]) &&
      /^\s*(?:[A-Za-z]+,\s*)?$/.test(sentence.slice(clauseStart, windowStart + m.index));
    // "not have a plan", "not be made": the verb the negation itself qualifies.
    const rest = governed.replace(/^\s*(?:(?:have|has|had|be|been|being|do)\s+)*/i, "");
    if (atClauseStart || !NEW_PREDICATE.test(rest)) return true;
  }
  return false;
}

/** The adoption date a sentence gives: "adopted … on June 22, 2007", "dated May 15, 2023". */
export function adoptionDateIn(sentence: string): string | null {
  ADOPTION_VERB.lastIndex = 0;
  for (let m = ADOPTION_VERB.exec(sentence); m !== null; m = ADOPTION_VERB.exec(sentence)) {
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 110);
    const d = DATE_TEXT.exec(after);
    if (!d || d[1] === undefined) continue;
    // The date must belong to the adoption, not to a later clause about something else.
    const between = after.slice(0, d.index);
    if (/[;]/.test(between) || /\b(?:sold|purchased|vest\w*|expires?|granted)\b/i.test(between)) {
      continue;
    }
    const iso = parseDate(d[1]);
    if (iso) return iso;
  }
  return null;
}

/**
 * What a footnote or remark says about Rule 10b5-1: null when it says nothing (no mention, or only
 * explains the rule), otherwise whether the trades were under a plan, the sentence, and the
 * adoption date when given (also read from a neighbouring sentence about the plan's adoption).
 * A positive sentence wins over a negative one in the same text.
 */
export function readPlanStatement(
  text: string,
  split: SentenceSplit = sentences,
): PlanStatement | null {
  // Most footnotes never mention the rule: no need to split them ("10b" in any spacing below).
  if (!mentions10b(text)) return null;
  const all = split(text);
  let positive: PlanStatement | null = null;
  let negative: PlanStatement | null = null;
  for (const sentence of all) {
    const mention = PLAN_MENTION.exec(sentence);
    if (!mention) continue;
    if (negated(sentence, mention.index)) {
      negative ??= { used: false, sentence, adoptionDate: null };
      continue;
    }
    if (DEFINITION.test(sentence)) continue;
    const link = LINK.exec(sentence);
    const linked = link !== null && link.index < mention.index + mention[0].length + 40;
    if (!linked || !TRANSACTION_WORD.test(sentence)) continue;
    positive ??= { used: true, sentence, adoptionDate: adoptionDateIn(sentence) };
  }
  if (positive && positive.adoptionDate === null) {
    // "…pursuant to a Rule 10b5-1 plan. The plan was adopted on March 8, 2024."
    for (const sentence of all) {
      if (sentence === positive.sentence) continue;
      if (!PLAN_MENTION.test(sentence) && !/\b(?:trading\s+)?plan\b/i.test(sentence)) continue;
      const date = adoptionDateIn(sentence);
      if (date) {
        positive = { ...positive, adoptionDate: date };
        break;
      }
    }
  }
  return positive ?? negative;
}

// ---------------------------------------------------------------------------------------------
// Derivative holdings stated in footnotes

export interface FootnoteHolding {
  /** "Class B Warrants", "Options to purchase common stock". */
  security: string;
  shares: number;
  exercisePrice: number | null;
  /** "vested", "unvested", "exercisable", ... when the text qualifies the holding. */
  note: string | null;
}

// Only sentences that state what someone holds: "holds", "also holds", "owns", "beneficially owns".
const HOLDS_VERB =
  /\b(?:also\s+)?(?:directly\s+|indirectly\s+)?(?:beneficially\s+)?(?:holds|owns)\b/i;
const HOLDS_WORD = /holds|owns/i;
const DERIVATIVE_WORD =
  /\b(?:warrants?|options?|rights?|restricted\s+stock\s+units?|RSUs?|PSUs?|performance\s+(?:share|stock)\s+units?|stock\s+units?|SARs?|convertible|phantom|debentures?)\b/i;
const NOTE_WORDS =
  /^(fully\s+vested|vested\s+and\s+exercisable|vested|unvested|exercisable|unexercisable|currently\s+exercisable)\s+/i;
const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)`;
const EXERCISE_PRICE =
  /(?:(?:with\s+|at\s+)?an?\s+exercise\s+price\s+(?:per\s+share\s+)?(?:of\s+)?|exercisable\s+at\s+|at\s+)(?:US)?\$\s*(\d[\d,]*(?:\.\d+)?)/i;

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function readHoldingItem(raw: string): FootnoteHolding | null {
  let item = raw
    .trim()
    .replace(/^(?:and|or|plus)\s+/i, "")
    .replace(/^an?\s+/i, "")
    .replace(/[.,;:]+$/, "")
    .trim();
  if (!DERIVATIVE_WORD.test(item)) return null;
  const priceMatch = EXERCISE_PRICE.exec(item);
  const exercisePrice = priceMatch ? parseNumber(priceMatch[1]) : null;
  if (priceMatch) {
    item =
      `${item.slice(0, priceMatch.index)} ${item.slice(priceMatch.index + priceMatch[0].length)}`
        .replace(/\s+per\s+(?:share|option|warrant)\b/i, "")
        .replace(/\s+/g, " ")
        .trim();
  }
  let note: string | null = null;
  const noteMatch = NOTE_WORDS.exec(item);
  if (noteMatch?.[1]) {
    note = noteMatch[1].toLowerCase().replace(/\s+/g, " ");
    item = item.slice(noteMatch[0].length);
  }
  // "options to purchase 25,000 shares of common stock"
  const toPurchase = new RegExp(
    String.raw`^(.*?\b(?:options?|warrants?|rights?))\s+to\s+(?:purchase|acquire|buy)\s+${NUMBER}\s+shares?\s+of\s+(?:the\s+)?(?:(?:Issuer|Company)['’]s\s+)?(.+)$`,
    "i",
  ).exec(item);
  if (toPurchase?.[1] && toPurchase[2] && toPurchase[3]) {
    const shares = parseNumber(toPurchase[2]);
    if (shares === null) return null;
    const underlying = toPurchase[3].trim();
    return {
      security: `${capitalize(toPurchase[1].trim())} to purchase ${underlying}`,
      shares,
      exercisePrice,
      note,
    };
  }
  // "4,000 Class B Warrants", "10,000 vested options"
  const counted = new RegExp(String.raw`^${NUMBER}\s+(.+)$`).exec(item);
  if (counted?.[1] && counted[2]) {
    const shares = parseNumber(counted[1]);
    let security = counted[2].trim();
    const innerNote = NOTE_WORDS.exec(security);
    if (innerNote?.[1]) {
      note ??= innerNote[1].toLowerCase().replace(/\s+/g, " ");
      security = security.slice(innerNote[0].length);
    }
    security = security.replace(/\s+(?:which|that|each|held|granted)\b.*$/i, "").trim();
    if (shares === null || security === "" || !DERIVATIVE_WORD.test(security)) return null;
    return { security: capitalize(security), shares, exercisePrice, note };
  }
  return null;
}

// What a list item starts with: a quantity, a note ("vested options …"), an article before an
// instrument ("an option to purchase …") or an instrument word ("options to purchase …").
const INSTRUMENT_WORD = String.raw`(?:options?|warrants?|rights?|restricted\s+stock\s+units?|RSUs?|PSUs?|performance\s+(?:share|stock)\s+units?|stock\s+units?|stock\s+appreciation\s+rights?|SARs?|convertible|phantom|debentures?|shares?)\b`;
const ITEM_START = String.raw`(?:\d|(?:fully\s+vested|vested|unvested|exercisable|unexercisable|currently\s+exercisable)\b|(?:an?\s+)?${INSTRUMENT_WORD})`;
// "; " / "; and " always ends an item; ", " / ", and " / " and " only before the start of a new
// one, so "25,000", "Series A and B Warrants" and "vested and exercisable" stay whole.
const LIST_SEPARATOR = new RegExp(
  String.raw`\s*;\s*(?:and\s+)?|,\s+(?:and\s+|or\s+)?(?=${ITEM_START})|(?<!\bvested)\s+and\s+(?=${ITEM_START})`,
  "i",
);

function splitList(list: string): string[] {
  return list.split(LIST_SEPARATOR);
}

/**
 * Derivative securities a footnote or remark says someone holds, e.g. "Mr. Misra also holds the
 * following securities: 4,000 Class B Warrants; vested options to purchase 25,000 shares of common
 * stock; …". Only sentences with "holds"/"owns" count, so vesting schedules of a Table II grant
 * never produce entries; items that are not derivatives (plain shares) are left out.
 */
export function readHeldDerivatives(
  text: string,
  split: SentenceSplit = sentences,
): FootnoteHolding[] {
  const out: FootnoteHolding[] = [];
  // The verb's words alone first: a plain pattern V8 scans fast, for the many footnotes without.
  if (!HOLDS_WORD.test(text) || !HOLDS_VERB.test(text)) return out;
  for (const sentence of split(text)) {
    const verb = HOLDS_VERB.exec(sentence);
    if (!verb) continue;
    // "disclaims beneficial ownership", "no longer holds", "does not own": not a holding.
    const before = sentence.slice(0, verb.index);
    if (/\b(?:not|no\s+longer|never)\s*$/i.test(before)) continue;
    let list = sentence.slice(verb.index + verb[0].length).replace(/[.]\s*$/, "");
    list = list.replace(/^\s*(?:the\s+following\s+(?:derivative\s+)?securities\s*)?:?\s*/i, "");
    for (const part of splitList(list)) {
      const holding = readHoldingItem(part);
      if (holding) out.push(holding);
    }
  }
  return out;
}

/**
 * An adoption date from any sentence that names a Rule 10b5-1 plan, even one that does not itself
 * say a trade was under it ("The reporting person adopted a Rule 10b5-1 trading plan on
 * March 8, 2024."). Used only once a plan is known to be in use.
 */
export function planAdoptionDate(text: string, split: SentenceSplit = sentences): string | null {
  if (!mentions10b(text)) return null;
  for (const sentence of split(text)) {
    if (!PLAN_MENTION.test(sentence)) continue;
    const date = adoptionDateIn(sentence);
    if (date) return date;
  }
  return null;
}

/**
 * Who holds an indirect position, from a footnote on its nature: "The shares are held by the
 * Scarpelli Family Trust for which the Reporting Person is a trustee." → "Scarpelli Family Trust".
 * Filings often use the same nature ("Trust") for several trusts; this tells them apart.
 */
export function holderNamed(text: string): string | null {
  const m =
    /\b(?:held|owned)\s+(?:directly\s+)?(?:of\s+record\s+)?by\s+(each\s+of\s+)?(?:the\s+)?(.+?)(?:\s+(?:for|of)\s+which\b|\s+dated\b|\s+\(|,|;|(?<!\b[A-Z])\.(?:\s|$)|$)/i.exec(
      text,
    );
  const phrase = m?.[2]?.trim();
  if (!phrase || /^(?:the\s+)?reporting person\b/i.test(phrase)) return null;
  // "each of the X Trust fbo A, the X Trust fbo B …": several trusts of one name; that name.
  const name = entityName(phrase, m?.[1] !== undefined);
  if (name === null || name.length > 100) return null;
  return name;
}

// Small words inside a name ("Bank of America", "Trust for the Benefit of …" stops at "benefit").
const NAME_CONNECTORS = new Set([
  "of",
  "and",
  "the",
  "for",
  "&",
  "de",
  "du",
  "la",
  "le",
  "van",
  "von",
  "der",
]);
const BENEFICIARY = /^(?:fbo|f\/b\/o)$/i;

/**
 * The entity's name at the start of a phrase: its capitalized words (and the small words between
 * them), up to the first word of running text ("Reprogrammed by virtue of his shared control" →
 * "Reprogrammed"). "fbo Child 1" belongs to one trust's name, not to the name shared by several.
 */
function entityName(phrase: string, several: boolean): string | null {
  const words = phrase.split(/\s+/);
  const kept: string[] = [];
  for (const word of words) {
    if (BENEFICIARY.test(word)) {
      if (several) break;
      kept.push(word);
      continue;
    }
    if (/^[A-Z0-9&"'“‘(]/.test(word) || NAME_CONNECTORS.has(word.toLowerCase())) {
      kept.push(word);
      continue;
    }
    break;
  }
  while (kept.length > 0 && NAME_CONNECTORS.has((kept[kept.length - 1] ?? "").toLowerCase())) {
    kept.pop();
  }
  while (kept.length > 0 && NAME_CONNECTORS.has((kept[0] ?? "").toLowerCase())) kept.shift();
  if (kept.length === 0 || !/^[A-Z0-9]/.test(kept[0] ?? "")) return null;
  return kept.join(" ");
}

/**
 * Whether a footnote states or describes a price: a dollar amount, "price", "per share",
 * "weighted average", "consideration", "paid", "value". "The Class B Common Stock is convertible …
 * and has no expiration date" does not, so a price footnote like that is no price.
 */
export function describesPrice(text: string): boolean {
  return /\$\s*\d|\bprices?\b|\bper\s+(?:share|unit|warrant|option)\b|\bweighted[-\s]+average\b|\bconsideration\b|\bpaid\b|\bvalue[ds]?\b|\bcost\b|\bfor\s+no\b|\bno\s+cost\b|\bfree\s+of\s+charge\b/i.test(
    text,
  );
}

// ---------------------------------------------------------------------------------------------
// One filing's readings

/**
 * What one filing's footnotes say, each text read at most once: footnotes are read by several
 * checks and once for every row that cites them (a 3,000-row filing cites one footnote 3,000
 * times). A memo for one filing only: summarize makes a new one for every filing, so no reading
 * carries from filing to filing. Readings are frozen, since every caller shares one.
 */
export class FootnoteReadings {
  private readonly split = new Map<string, readonly string[]>();
  private readonly ranges = new Map<string, readonly PriceRange[]>();
  private readonly prices = new Map<string, boolean>();

  /** `sentences`, remembered (an arrow: readers take it as their SentenceSplit). */
  readonly sentences: SentenceSplit = (text) => {
    let out = this.split.get(text);
    if (out === undefined) {
      out = Object.freeze(splitSentences(text));
      this.split.set(text, out);
    }
    return out;
  };

  priceRanges(text: string): readonly PriceRange[] {
    let out = this.ranges.get(text);
    if (out === undefined) {
      out = Object.freeze(readPriceRanges(text, this.sentences));
      this.ranges.set(text, out);
    }
    return out;
  }

  describesPrice(text: string): boolean {
    let out = this.prices.get(text);
    if (out === undefined) {
      out = describesPrice(text);
      this.prices.set(text, out);
    }
    return out;
  }
}
