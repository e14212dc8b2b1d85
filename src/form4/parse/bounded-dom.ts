// A DomHandler that refuses to nest deeper than MAX_ELEMENT_DEPTH. htmlparser2 keeps its open
// elements in an array it unshifts, so 100,000 nested elements cost it seconds; and every walk of
// a deep tree risks the stack. Stopping at the bound keeps both small.

import { type Document, DomHandler, type DomHandlerOptions } from "domhandler";
import { Parser } from "htmlparser2";
import { depthError, MAX_ELEMENT_DEPTH } from "../limits.js";
import type { InputForm } from "../model.js";

export class BoundedHandler extends DomHandler {
  readonly #form: InputForm;

  constructor(form: InputForm, options: DomHandlerOptions) {
    super(undefined, options);
    this.#form = form;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    // tagStack holds the document root too.
    if (this.tagStack.length - 1 > MAX_ELEMENT_DEPTH) throw depthError(this.#form);
  }
}

/** An HTML page's DOM (htmlparser2, entities decoded), for the rendered-page reader. Depth-bounded. */
export function parseHtmlDom(html: string): Document {
  const handler = new BoundedHandler("html", {});
  new Parser(handler, { decodeEntities: true }).end(html);
  return handler.root;
}
