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
