// What we say when the bot cannot post in a channel (src/channel-access.ts): the problem in words
// and what to do about it, for the Home tab and the command replies. Pure; our own mrkdwn.
import type { PostProblem } from "../channel-access.js";

/** The bot's name as people type it in `/invite @form4` (manifest.yml: bot_user.display_name). */
export const BOT_MENTION = "@form4";

/** What to do, one short sentence. */
export function cannotPostFix(problem: PostProblem): string {
  switch (problem) {
    case "is_archived":
      return "it is archived: unarchive it, or set this up in another channel";
    case "channel_not_found":
    case "not_in_channel":
      return `invite me with \`/invite ${BOT_MENTION}\``;
  }
}

/** Why, in a few words. */
function reason(problem: PostProblem): string {
  switch (problem) {
    case "is_archived":
      return "archived";
    case "channel_not_found":
      return "a private channel I am not in";
    case "not_in_channel":
      return "I am not in it";
  }
}

/** The Home tab's line for a channel: "⚠️ I can't post in #x: invite me with `/invite @form4`". */
export function cannotPostLine(problem: PostProblem, mention: string): string {
  return `:warning: I can't post in ${mention}: ${cannotPostFix(problem)}.`;
}

/**
 * After a command that makes the bot post in this channel later (a digest, an alert): the
 * setting is kept, and this says why nothing will come yet and what to do.
 */
export function cannotPostWarning(problem: PostProblem, what: "digest" | "alerts"): string {
  const later =
    what === "digest"
      ? "The setting is saved; once I can post here the digest comes, with every filing since the last one."
      : "The alert is saved; once I can post here, the alerts held meanwhile are posted.";
  return `:warning: I can't post in this channel yet (${reason(problem)}): ${cannotPostFix(problem)}. ${later}`;
}

/** `/form4 digest now` (or Digest now on the Home tab) where Slack refused the post. */
export function cannotPostNow(problem: PostProblem): string {
  return `:warning: I can't post in this channel (${reason(problem)}): ${cannotPostFix(problem)}. The digest is kept and posted as soon as I can post here; scheduled digests need that too.`;
}
