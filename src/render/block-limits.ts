// Slack's limits, in one place: Block Kit's (checked before a message leaves us: Slack rejects the
// whole message, invalid_blocks, when one is broken, so the builders use this as a last guard and
// the tests run it over every filing we have), a view's (modal, Home tab) and a message's.
// Everything that sizes, cuts or caps what we send to Slack reads it from here.

import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

export const LIMITS = {
  blocksPerMessage: 50,
  /** Blocks in a modal or the Home tab. */
  blocksPerView: 100,
  /** A modal's title, and its close button's text. */
  viewTitleText: 24,
  viewCloseText: 24,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  url: 3000,
  /** Slack's advice for a message's `text` (notifications, screen readers). */
  fallbackText: 4000,
  imageAltText: 2000,
  imageTitle: 2000,
  /** Links of one message we unfurl at most (Slack shows a handful); the rest are left. */
  unfurlsPerMessage: 10,
  /** A slash command's response_url takes this many posts, within this long of the command. */
  responseUrlPosts: 5,
  responseUrlLifetimeMs: 30 * 60 * 1000,
} as const;

interface TextLike {
  type?: unknown;
  text?: unknown;
}

function textProblems(where: string, t: unknown, max: number, plainOnly = false): string[] {
  if (typeof t !== "object" || t === null) return [`${where}: text object missing`];
  const { type, text } = t as TextLike;
  const problems: string[] = [];
  if (type !== "plain_text" && type !== "mrkdwn") {
    problems.push(`${where}: text type must be plain_text or mrkdwn, got ${String(type)}`);
  } else if (plainOnly && type !== "plain_text") {
    problems.push(`${where}: must be plain_text`);
  }
  if (typeof text !== "string" || text.length === 0) {
    problems.push(`${where}: text is empty`);
  } else if (text.length > max) {
    problems.push(`${where}: text is ${text.length} characters (max ${max})`);
  }
  return problems;
}

function urlProblems(where: string, url: unknown): string[] {
  if (url === undefined) return [];
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) {
    return [`${where}: url must be an http(s) URL`];
  }
  return url.length > LIMITS.url
    ? [`${where}: url is ${url.length} characters (max ${LIMITS.url})`]
    : [];
}

function buttonProblems(where: string, el: Record<string, unknown>): string[] {
  const problems = textProblems(`${where} text`, el.text, LIMITS.buttonText, true);
  problems.push(...urlProblems(where, el.url));
  if (typeof el.action_id === "string" && el.action_id.length > LIMITS.actionId) {
    problems.push(`${where}: action_id longer than ${LIMITS.actionId}`);
  }
  if (typeof el.value === "string" && el.value.length > LIMITS.buttonValue) {
    problems.push(`${where}: value longer than ${LIMITS.buttonValue}`);
  }
  return problems;
}

/**
 * Every way `blocks` breaks Slack's Block Kit limits, in words; [] when Slack will accept them.
 * Knows the blocks we send (header, section, context, actions, divider); others are reported.
 * `maxBlocks`: LIMITS.blocksPerMessage in a message, LIMITS.blocksPerView in a modal or the Home tab.
 */
export function blockKitProblems(
  blocks: readonly KnownBlock[],
  maxBlocks: number = LIMITS.blocksPerMessage,
): string[] {
  const problems: string[] = [];
  if (blocks.length === 0) problems.push("message has no blocks");
  if (blocks.length > maxBlocks) {
    problems.push(`message has ${blocks.length} blocks (max ${maxBlocks})`);
  }
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    const raw = block as unknown as Record<string, unknown>;
    if (typeof raw.block_id === "string") {
      if (raw.block_id.length > LIMITS.blockId) problems.push(`${where}: block_id too long`);
      if (blockIds.has(raw.block_id)) problems.push(`${where}: duplicate block_id ${raw.block_id}`);
      blockIds.add(raw.block_id);
    }
    switch (block.type) {
      case "header":
        problems.push(...textProblems(where, block.text, LIMITS.headerText, true));
        break;
      case "section": {
        if (block.text === undefined && block.fields === undefined) {
          problems.push(`${where}: needs text or fields`);
        }
        if (block.text !== undefined) {
          problems.push(...textProblems(where, block.text, LIMITS.sectionText));
        }
        if (block.fields !== undefined) {
          if (block.fields.length === 0 || block.fields.length > LIMITS.sectionFields) {
            problems.push(`${where}: ${block.fields.length} fields (1 to ${LIMITS.sectionFields})`);
          }
          block.fields.forEach((f, j) => {
            problems.push(...textProblems(`${where} field ${j}`, f, LIMITS.fieldText));
          });
        }
        const accessory = block.accessory as Record<string, unknown> | undefined;
        if (accessory?.type === "button")
          problems.push(...buttonProblems(`${where} accessory`, accessory));
        break;
      }
      case "context": {
        const n = block.elements.length;
        if (n === 0 || n > LIMITS.contextElements) {
          problems.push(`${where}: ${n} elements (1 to ${LIMITS.contextElements})`);
        }
        block.elements.forEach((el, j) => {
          if (el.type === "plain_text" || el.type === "mrkdwn") {
            problems.push(...textProblems(`${where} element ${j}`, el, LIMITS.contextText));
          }
        });
        break;
      }
      case "actions": {
        const n = block.elements.length;
        if (n === 0 || n > LIMITS.actionsElements) {
          problems.push(`${where}: ${n} elements (1 to ${LIMITS.actionsElements})`);
        }
        block.elements.forEach((el, j) => {
          if (el.type === "button") {
            problems.push(
              ...buttonProblems(`${where} button ${j}`, el as unknown as Record<string, unknown>),
            );
          }
        });
        break;
      }
      case "divider":
        break;
      case "image": {
        // An image by URL or by an uploaded file (slack_file), with alt text for screen readers.
        const img = block as unknown as Record<string, unknown>;
        const file = img.slack_file as Record<string, unknown> | undefined;
        if (typeof img.image_url === "string") problems.push(...urlProblems(where, img.image_url));
        else if (!file || (typeof file.id !== "string" && typeof file.url !== "string")) {
          problems.push(`${where}: needs image_url or slack_file`);
        }
        if (typeof img.alt_text !== "string" || img.alt_text.trim() === "") {
          problems.push(`${where}: alt_text is empty`);
        } else if (img.alt_text.length > LIMITS.imageAltText) {
          problems.push(
            `${where}: alt_text is ${img.alt_text.length} characters (max ${LIMITS.imageAltText})`,
          );
        }
        if (img.title !== undefined)
          problems.push(...textProblems(`${where} title`, img.title, LIMITS.imageTitle, true));
        break;
      }
      default:
        problems.push(`${where}: block type this checker does not know`);
    }
  });
  return problems;
}

/** blockKitProblems plus the message's `text` fallback: always present, within LIMITS.fallbackText. */
export function messageProblems(message: {
  text: string;
  blocks: readonly KnownBlock[];
}): string[] {
  const problems: string[] = [];
  if (typeof message.text !== "string" || message.text.trim() === "") {
    problems.push("message text (fallback) is empty");
  } else if (message.text.length > LIMITS.fallbackText) {
    problems.push(`message text is ${message.text.length} characters (max ${LIMITS.fallbackText})`);
  }
  return [...problems, ...blockKitProblems(message.blocks)];
}
