// The floor each input form is compared with: the same bytes only tokenized by the parser the
// engine itself builds on, with handlers that do nothing. No reader can be faster than its floor;
// the ratio engine / floor says how much the reading, checking and summarizing add on top.
//
//   xml         htmlparser2's Parser (xmlMode, decodeEntities): what parseXml builds its DOM with
//   submission  a scan of the whole text for <XML>…</XML>, and the XML floor over what is inside
//   html        parse5's Tokenizer: the tokenizer of the parser browsers' HTML parsing follows
//   text        a line split: the least any reader of lines does

import { Parser } from "htmlparser2";
import { type TokenHandler, Tokenizer } from "parse5";
import type { InputForm } from "../src/form4/model.js";
import { parseHtmlDom } from "../src/form4/parse/bounded-dom.js";
import { readXmlTree } from "../src/form4/parse/xml-tree.js";

const XML_OPTIONS = { xmlMode: true, decodeEntities: true } as const;

export function xmlFloor(text: string): void {
  new Parser({}, XML_OPTIONS).end(text);
}

/** The ownership XML inside a full submission's <XML>…</XML> sections (to its end if cut). */
export function insideXml(text: string): string[] {
  const out: string[] = [];
  for (let open = text.indexOf("<XML>"); open !== -1; open = text.indexOf("<XML>", open + 5)) {
    const close = text.indexOf("</XML>", open);
    out.push(text.slice(open + 5, close === -1 ? text.length : close));
    if (close === -1) break;
  }
  return out;
}

export function submissionFloor(text: string): void {
  for (const xml of insideXml(text)) xmlFloor(xml);
}

const noop = () => {};
const NO_TOKENS: TokenHandler = {
  onComment: noop,
  onDoctype: noop,
  onStartTag: noop,
  onEndTag: noop,
  onEof: noop,
  onCharacter: noop,
  onNullCharacter: noop,
  onWhitespaceCharacter: noop,
};

export function htmlFloor(text: string): void {
  new Tokenizer({ sourceCodeLocationInfo: false }, NO_TOKENS).write(text, true);
}

export function textFloor(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

export const FLOORS: Record<InputForm, (text: string) => unknown> = {
  xml: xmlFloor,
  submission: submissionFloor,
  html: htmlFloor,
  text: textFloor,
};

export const FLOOR_NAMES: Record<InputForm, string> = {
  xml: "htmlparser2 `Parser`, no-op handlers",
  submission: "`<XML>` scan + htmlparser2 Parser",
  html: "parse5 `Tokenizer`, no-op handlers",
  text: "line split",
};

// Between the floor and the engine: building the tree the reader walks, and nothing else. The
// engine's time splits into tokenizing (floor), building the tree (tree − floor), and reading,
// checking and summarizing (engine − tree).

function submissionTree(text: string): void {
  for (const xml of insideXml(text)) readXmlTree(xml);
}

export const TREES: Record<InputForm, ((text: string) => unknown) | null> = {
  xml: readXmlTree,
  submission: submissionTree,
  html: parseHtmlDom,
  text: null,
};

export const TREE_NAMES: Record<InputForm, string | null> = {
  xml: "readXmlTree",
  submission: "readXmlTree of the `<XML>`",
  html: "parseHtmlDom (htmlparser2)",
  text: null,
};
