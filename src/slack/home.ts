// The App Home tab's content. Pure; the digest adds its sections here (watchlists, settings).
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** `extra`: further sections (e.g. a user's channels' watchlists), placed after the usage. */
export function homeView(extra: KnownBlock[] = []): types.HomeView {
  return {
    type: "home",
    blocks: [
      { type: "header", text: { type: "plain_text", text: "form4: insider trades at a glance" } },
      section(
        "I read SEC *Form 4* filings (what company insiders bought and sold) and summarize them: " +
          "*who* sold or bought *how much*, at what *weighted average price*, on which dates; " +
          "whether a *Rule 10b5-1 plan* was used; and what the insider *still holds*.",
      ),
      { type: "divider" },
      section(
        [
          "*How to use me*",
          "• `/form4 ASTI`: the latest 3 Form 4 filings where ASTI is the issuer",
          "• `/form4 ASTI 5`: the latest 5 (at most 10)",
          "• `/form4 <EDGAR link or accession number>`: one filing",
          "• Paste an sec.gov filing link in a channel: I add the summary under the message",
          "• `/form4 help`: usage",
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
      ...extra,
    ],
  };
}
