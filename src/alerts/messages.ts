// The messages alerts post: a filing (one line saying which alert it meets, above the filing's
// compact card, render/card.ts), a cluster, and a filing that could not be read. Pure; every string from a filing is
// escaped for Slack mrkdwn.

import type { types } from "@slack/bolt";
import type { FeedFiling } from "../edgar/current-feed.js";
import type { FetchedFiling } from "../edgar/types.js";
import { LIMITS } from "../render/block-limits.js";
import { type SlackMessage, section } from "../render/blocks.js";
import { filingCard } from "../render/card.js";
import { formatDate, formatMoney, truncateWords } from "../render/format.js";
import { bold, escapeMrkdwn, mrkdwnLink } from "../render/mrkdwn.js";
import { displayName } from "../render/names.js";
import type { Cluster } from "./match.js";
import { CLUSTER_WINDOW_DAYS } from "./rules.js";

type KnownBlock = types.KnownBlock;

function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

/** `why`: the alerts it meets, in words ("DKNG", "buys over $100k"); already ours, escaped here. */
export function filingAlertMessage(
  filing: FetchedFiling,
  why: readonly string[],
  amends: { filedDate: string | null } | null,
): SlackMessage {
  // The compact card, with Details (the full breakdown) and View on EDGAR.
  const card = filingCard(filing.summary, {
    url: filing.url,
    stale: filing.stale,
    key: {
      cik: filing.ref.cik,
      accessionNumber: filing.ref.accessionNumber,
      primaryDocument: filing.ref.primaryDocument,
    },
  });
  const lead: string[] = [];
  if (amends) {
    const when = amends.filedDate ? ` (filed ${formatDate(amends.filedDate)})` : "";
    lead.push(`:memo: *Amendment (Form 4/A)* of the filing alerted above${when}.`);
  }
  lead.push(`:bell: Alert: ${why.map((w) => escapeMrkdwn(w)).join(" · ")}`);
  const blocks = [context(lead.join("\n")), ...card.blocks].slice(0, LIMITS.blocksPerMessage);
  const text = truncateWords(
    `${amends ? "Amendment: " : "Alert: "}${card.text}`,
    LIMITS.fallbackText,
  );
  return { text, blocks };
}

/** "SWINEHART ROBERT E" → "Robert E. Swinehart", as the filing cards write people. */
function who(name: string): string {
  return escapeMrkdwn(displayName(name));
}

/** A cluster buy: everyone in it and the total, linking each insider's filing. */
export function clusterMessage(
  cluster: Cluster,
  issuerName: string,
  ticker: string | null,
): SlackMessage {
  const company = `${issuerName}${ticker ? ` (${ticker})` : ""}`;
  const total =
    cluster.totalValue === null
      ? "value not reported"
      : `${formatMoney(cluster.totalValue)}${cluster.unpriced > 0 ? ` (+${cluster.unpriced} unpriced)` : ""}`;
  const head = `:busts_in_silhouette: *Cluster buy at ${escapeMrkdwn(company)}*: ${cluster.insiders.length} insiders bought in the open market within ${CLUSTER_WINDOW_DAYS} days, ${escapeMrkdwn(total)} in all`;
  const lines = cluster.purchases.map((p) => {
    const value = p.value === null ? "price not reported" : formatMoney(p.value);
    const label = escapeMrkdwn(`${formatDate(p.tradeDate)}`);
    const link = p.url ? mrkdwnLink(p.url, label) : label;
    return `• ${bold(who(p.ownerName))}: ${p.shares.toLocaleString("en-US")} shares, ${escapeMrkdwn(value)} · ${link}`;
  });
  const body = truncateWords([head, ...lines].join("\n"), LIMITS.sectionText);
  const text = truncateWords(
    `Cluster buy at ${company}: ${cluster.insiders.map((i) => displayName(i.name)).join(", ")}; ${total}`,
    LIMITS.fallbackText,
  );
  return { text, blocks: [section(body)] };
}

/** A new filing of an alerted issuer that could not be read: said, with its link, never dropped. */
export function unreadableMessage(
  filing: FeedFiling,
  why: readonly string[],
  reason: string,
): SlackMessage {
  const issuer = filing.issuer?.name ?? "an issuer";
  const owner = filing.owners[0]?.name;
  const label = `Form ${filing.form} ${filing.accessionNumber}`;
  const link = filing.url ? mrkdwnLink(filing.url, escapeMrkdwn(label)) : escapeMrkdwn(label);
  const text = `:warning: A new ${link} for ${escapeMrkdwn(issuer)}${owner ? ` (${escapeMrkdwn(owner)})` : ""} could not be read: ${escapeMrkdwn(reason)}. Open it on EDGAR.`;
  return {
    text: truncateWords(
      `A new Form ${filing.form} for ${issuer} could not be read: ${reason}. ${filing.url}`,
      LIMITS.fallbackText,
    ),
    blocks: [
      context(`:bell: Alert: ${why.map((w) => escapeMrkdwn(w)).join(" · ")}`),
      section(truncateWords(text, LIMITS.sectionText)),
    ],
  };
}

/** After the held alerts are posted: how many more matched than were kept. */
export function droppedHeldMessage(dropped: number): SlackMessage {
  const text = `:bell: ${dropped.toLocaleString("en-US")} more ${dropped === 1 ? "filing" : "filings"} matched this channel's alerts while I could not post here; the newest are above. \`/form4 TICKER\` lists a company's latest.`;
  return { text: text.replace(/^:bell: /, ""), blocks: [section(text)] };
}
