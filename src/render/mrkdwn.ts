// Making text from a filing (or a user) safe to place inside Slack mrkdwn.
//
// Slack's rule (docs.slack.dev "Formatting message text", "Escaping text"): exactly three
// characters are control characters and must be sent as HTML entities: & → &amp;, < → &lt;,
// > → &gt;. Nothing else is entity-encoded (Slack would show "&#39;" literally). With <, > escaped a
// filer named "<!channel>" pings no one and no text can carry a link "<https://evil|click>".
//
// Slack offers no escape for the formatting characters * _ ~ ` (a backslash is shown as is, and a
// zero-width space around them *enables* formatting inside words). So, as Slack-rendering
// libraries do (jsx-slack's <Escape>), they become look-alike characters that mrkdwn ignores.
// Text objects carrying filer text are also sent with `verbatim: true` (see blocks.ts) so Slack
// does not auto-link names, URLs or "@channel" written as plain words.

import { truncateWords } from "./format.js";

const CONTROL = /[&<>]/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

const FORMATTING = /[*_~`]/g;
const LOOK_ALIKE: Record<string, string> = {
  "*": "\u2217", // ∗ ASTERISK OPERATOR
  _: "\u02cd", // ˍ MODIFIER LETTER LOW MACRON
  "~": "\u223c", // ∼ TILDE OPERATOR
  "`": "\u02cb", // ˋ MODIFIER LETTER GRAVE ACCENT
};

/**
 * Filer or user text → inert inline mrkdwn. Line breaks become spaces (every place we put such
 * text is inline, and a line starting with "&gt;" would turn into a block quote); a leading
 * "&gt;" gets an invisible soft hyphen in front for the same reason.
 */
export function escapeMrkdwn(s: string): string {
  const escaped = s
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(CONTROL, (c) => ENTITY[c] ?? c)
    .replace(FORMATTING, (c) => LOOK_ALIKE[c] ?? c);
  return escaped.startsWith("&gt;") ? `\u00ad${escaped}` : escaped;
}

/** Our own emphasis around text that is already safe (escaped, or our own words). */
export function bold(safe: string): string {
  return safe === "" ? "" : `*${safe}*`;
}

/**
 * A link in mrkdwn: `<url|label>`. The URL must be http(s); its "|" and ">" would end the link
 * early, so they are percent-encoded, and & < > are entity-escaped as Slack asks. Returns the
 * label alone for anything that is not an http(s) URL.
 */
export function mrkdwnLink(url: string, safeLabel: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return safeLabel;
  const safeUrl = url
    .replace(/\|/g, "%7C")
    .replace(/&/g, "&amp;")
    .replace(/</g, "%3C")
    .replace(/>/g, "%3E");
  return `<${safeUrl}|${safeLabel}>`;
}

/**
 * Our mrkdwn (links `<url|label>`, bold `*…*`) shortened to `max` characters with "…" without
 * breaking it: a cut never falls inside a link. A link that does not fit keeps its URL whole and
 * its label is shortened (its bold closed again); one whose URL alone does not fit is left out.
 */
export function truncateMrkdwn(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = truncateWords(s, max);
  const kept = cut.length - 1; // characters of `s` kept before the "…"
  for (const m of s.matchAll(/<([^<>|]*)\|([^<>]*)>/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (kept <= start || kept >= end) continue;
    // The cut falls inside this link: shorten its label instead.
    const url = m[1] ?? "";
    const label = m[2] ?? "";
    const room = max - start - url.length - 3; // "<", "|", ">"
    const bolded = label.startsWith("*") && label.endsWith("*");
    const inner = bolded ? label.slice(1, -1) : label;
    const innerRoom = room - (bolded ? 2 : 0);
    if (innerRoom < 2) {
      const before = s.slice(0, start).trimEnd();
      return before.length < max ? `${before}\u2026` : truncateWords(before, max);
    }
    const short = truncateWords(inner, innerRoom);
    return `${s.slice(0, start)}<${url}|${bolded ? `*${short}*` : short}>`;
  }
  // Outside any link: a bold run cut open is closed again.
  const stars = (cut.match(/\*/g) ?? []).length;
  if (stars % 2 === 0) return cut;
  return `${truncateWords(s, max - 1).slice(0, -1)}*\u2026`;
}

/**
 * A message's notification `text` (no `verbatim` there): Slack turns a bare `https://…` or
 * `www.…` written by a filer into a link. A word joiner after the scheme or "www" keeps it
 * readable and unlinked.
 */
export function inertUrls(s: string): string {
  return s.replace(/\b(https?|ftp)(:\/\/)/gi, "$1\u2060$2").replace(/\b(www)\./gi, "$1\u2060.");
}
