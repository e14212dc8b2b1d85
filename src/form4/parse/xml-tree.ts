// The XML reader's tree, built straight from htmlparser2's Tokenizer: no Parser, no DomHandler.
// The Tokenizer is the floor the benchmark holds the reader to; the Parser on top of it keeps its
// open elements in an array it unshifts (seconds for deep input) and DomHandler gives every node
// six links and two indices the reader never uses. This builder keeps only what the reader reads:
// element names, attributes, text (a plain string, adjacent runs and entities joined), CDATA,
// and where each element starts (for "line N" in messages).
//
// htmlparser2 never rejects input: a missing end tag is "implied" when an ancestor closes or the
// text ends. That leniency would turn damaged XML into a silently partial result, so the builder
// records every element that was closed only implicitly, and the reader refuses the document.
// Nesting deeper than MAX_ELEMENT_DEPTH ends in the typed error before any walk can overflow.

import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { depthError, MAX_ELEMENT_DEPTH } from "../limits.js";

export class XmlElement {
  /** Attributes in document order of first appearance; null when the element has none. */
  attribs: Record<string, string> | null = null;
  readonly children: XmlChild[] = [];

  constructor(
    readonly name: string,
    /** Offset of the element's start tag in the input. */
    readonly start: number,
  ) {}
}

/** A CDATA section (its text), or a comment / processing instruction / declaration (no text). */
export class XmlMarkup {
  constructor(
    readonly kind: "cdata" | "other",
    readonly data: string,
  ) {}
}

/** A child is an element, markup, or text (a string: runs of text and entities joined). */
export type XmlChild = XmlElement | XmlMarkup | string;

export interface XmlTree {
  /** The document: its children are the top-level nodes. */
  document: XmlElement;
  /** Elements that were never closed by their own end tag, innermost first (empty when well formed). */
  unclosed: XmlElement[];
}

class TreeBuilder implements TokenizerCallbacks {
  readonly document = new XmlElement("", 0);
  readonly unclosed: XmlElement[] = [];
  /** Open elements, the document first; the last is the one being filled. */
  private readonly stack: XmlElement[] = [this.document];
  private current: XmlElement = this.document;
  private attribName = "";
  private attribValue = "";
  /** Where the last run of text or entity ended: text starting there continues it. */
  private textEnd = -1;

  constructor(
    private readonly text: string,
    private readonly onclose: ElementEnd | null,
  ) {}

  private append(child: XmlChild): void {
    this.current.children.push(child);
  }

  /** Text joined to the run before it, when the element's last child is one. */
  private appendText(data: string): void {
    const children = this.current.children;
    const last = children.length - 1;
    const previous = children[last];
    if (typeof previous === "string") children[last] = previous + data;
    else children.push(data);
  }

  onopentagname(start: number, end: number): void {
    // The stack holds the document too: its length is the new element's depth.
    if (this.stack.length > MAX_ELEMENT_DEPTH) throw depthError("xml");
    const element = new XmlElement(this.text.slice(start, end), start - 1);
    this.append(element);
    this.stack.push(element);
    this.current = element;
  }

  onattribname(start: number, end: number): void {
    this.attribName = this.text.slice(start, end);
    this.attribValue = "";
  }

  onattribdata(start: number, end: number): void {
    this.attribValue += this.text.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attribValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    // The first of repeated attributes wins (as htmlparser2's Parser keeps it).
    let attribs = this.current.attribs;
    if (attribs === null) {
      attribs = {};
      this.current.attribs = attribs;
    }
    if (!Object.hasOwn(attribs, this.attribName)) attribs[this.attribName] = this.attribValue;
    this.attribValue = "";
  }

  onopentagend(): void {}

  onselfclosingtag(): void {
    this.pop();
  }

  onclosetag(start: number, end: number): void {
    const name = this.text.slice(start, end);
    // Nearly always the innermost open element.
    if (this.current.name !== name) {
      const stack = this.stack;
      let at = stack.length - 1;
      while (at > 0 && (stack[at] as XmlElement).name !== name) at--;
      // An end tag nothing opened is ignored (as htmlparser2 does); one that closes an ancestor
      // implies the end of every element inside it: those were never closed.
      if (at === 0) return;
      while (stack.length - 1 > at) this.unclosed.push(this.pop());
    }
    this.pop();
  }

  private pop(): XmlElement {
    const element = this.stack.pop() as XmlElement;
    this.current = this.stack[this.stack.length - 1] as XmlElement;
    this.onclose?.(element, this.current, this.stack.length);
    return element;
  }

  ontext(start: number, end: number): void {
    const data = this.text.slice(start, end);
    // Text right after an entity continues its run; any other text starts one (no check needed).
    if (start === this.textEnd) this.appendText(data);
    else this.current.children.push(data);
    this.textEnd = end;
  }

  ontextentity(codepoint: number, end: number): void {
    this.appendText(String.fromCodePoint(codepoint));
    this.textEnd = end;
  }

  oncdata(start: number, end: number, offset: number): void {
    this.append(new XmlMarkup("cdata", this.text.slice(start, end - offset)));
  }

  oncomment(): void {
    this.append(OTHER);
  }

  ondeclaration(): void {
    this.append(OTHER);
  }

  onprocessinginstruction(): void {
    this.append(OTHER);
  }

  onend(): void {
    while (this.stack.length > 1) this.unclosed.push(this.pop());
  }
}

const OTHER = new XmlMarkup("other", "");

/**
 * Called as each element ends (by its end tag, or implied), with its parent and its depth (1 for a
 * top-level element). A reader may read the element there and empty its children, so a long
 * document never holds all of its tree at once.
 */
export type ElementEnd = (element: XmlElement, parent: XmlElement, depth: number) => void;

/** Tokenize XML (entities decoded) into the reader's tree, noting every element left unclosed. */
export function readXmlTree(xml: string, onclose: ElementEnd | null = null): XmlTree {
  const builder = new TreeBuilder(xml, onclose);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, builder);
  tokenizer.write(xml);
  tokenizer.end();
  return { document: builder.document, unclosed: builder.unclosed };
}

/** The text of an element and everything under it, in document order (CDATA included). */
export function xmlText(element: XmlElement): string {
  const children = element.children;
  // The common case, one run of text, needs no walk.
  if (children.length === 1 && typeof children[0] === "string") return children[0];
  let out = "";
  // Without recursion: a heap array however deep the input nests.
  const stack: XmlChild[] = [element];
  while (stack.length > 0) {
    const node = stack.pop() as XmlChild;
    if (typeof node === "string") out += node;
    else if (node instanceof XmlMarkup) out += node.data;
    else
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XmlChild);
  }
  return out;
}

/** 1-based line number of a character offset (LF, CRLF or lone CR line ends). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}
