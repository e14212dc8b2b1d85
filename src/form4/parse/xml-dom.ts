// Building the DOM of an XML document with htmlparser2, and noticing where it is broken.
// htmlparser2 never rejects input: a missing end tag is "implied" when an ancestor closes or the
// text ends. That leniency would turn damaged XML into a silently partial result, so this handler
// (the same DomHandler `parseDocument` uses, plus bookkeeping) records every element that was
// closed only implicitly. The reader then refuses the document instead of guessing.

import type { Document, Element, ParentNode } from "domhandler";
import { isTag } from "domhandler";
import { Parser } from "htmlparser2";
import { BoundedHandler } from "./bounded-dom.js";

class StrictHandler extends BoundedHandler {
  /** Elements whose end tag never came, innermost first. */
  readonly unclosed: Element[] = [];
  /** The element opened by the last event; a self-closing tag is closed right after it opens. */
  private justOpened: ParentNode | null = null;

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    this.justOpened = this.tagStack[this.tagStack.length - 1] ?? null;
  }

  // htmlparser2 passes (name, isImplied); DomHandler declares no parameters.
  override onclosetag(_name?: string, isImplied?: boolean): void {
    const current = this.tagStack[this.tagStack.length - 1];
    // `<x/>` arrives as open + implied close with nothing in between: that one is fine.
    if (isImplied && current !== this.justOpened && current && isTag(current)) {
      this.unclosed.push(current);
    }
    this.justOpened = null;
    super.onclosetag();
  }

  override ontext(data: string): void {
    this.justOpened = null;
    super.ontext(data);
  }

  override oncomment(data: string): void {
    this.justOpened = null;
    super.oncomment(data);
  }

  override oncdatastart(): void {
    this.justOpened = null;
    super.oncdatastart();
  }

  override onprocessinginstruction(name: string, data: string): void {
    this.justOpened = null;
    super.onprocessinginstruction(name, data);
  }
}

export interface XmlDom {
  document: Document;
  /** Elements that were never closed by their own end tag, innermost first (empty when well formed). */
  unclosed: Element[];
}

/** Parse XML exactly as `parseDocument(xml, { xmlMode: true, decodeEntities: true })` does, plus damage notes. */
export function parseXmlDom(xml: string): XmlDom {
  const options = { xmlMode: true, decodeEntities: true, withStartIndices: true };
  const handler = new StrictHandler("xml", options);
  new Parser(handler, options).end(xml);
  return { document: handler.root, unclosed: handler.unclosed };
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
