// How much of a filing the engine reads. A filer controls the engine's input (the bot reads every
// Form 4 anyone files), so the input is bounded before any reader spends time on it: past a bound
// the reader stops with a Form4ParseError that says which bound, never a hang or a stack overflow.
// The largest real Form 4s are far inside these (a 3,000-row XML is about 3 MB, element depth
// under 30, footnotes under 10,000 characters).

import { Form4ParseError } from "./errors.js";
import type { Filing, InputForm } from "./model.js";

/** Characters of input read at most (a submission .txt with its XML and rendering included). */
export const MAX_INPUT_CHARS = 16 * 1024 * 1024;
/** Elements nested in one another at most (XML and HTML). */
export const MAX_ELEMENT_DEPTH = 400;
/** Characters of one footnote or of the remarks at most. */
export const MAX_FOOTNOTE_CHARS = 64 * 1024;

const grouped = new Intl.NumberFormat("en-US");

/** `length`: characters of the input (or bytes, before decoding: never fewer than its characters). */
export function checkInputSize(length: number, form: InputForm | null = null): void {
  if (length > MAX_INPUT_CHARS) {
    throw new Form4ParseError(
      `the input is too large to be a Form 4: ${grouped.format(length)} characters, at most ${grouped.format(MAX_INPUT_CHARS)} are read`,
      { form },
    );
  }
}

export function depthError(form: InputForm): Form4ParseError {
  return new Form4ParseError(
    `the ${form === "xml" ? "XML" : "page"} nests elements more than ${MAX_ELEMENT_DEPTH} deep; no Form 4 does, so it is not read`,
    { form },
  );
}

/** Footnotes and remarks within MAX_FOOTNOTE_CHARS each, else the typed error naming the first too long. */
export function checkFootnotes(filing: Filing): void {
  const long = filing.footnotes.find((f) => f.text.length > MAX_FOOTNOTE_CHARS);
  const remarks = filing.remarks ?? "";
  if (!long && remarks.length <= MAX_FOOTNOTE_CHARS) return;
  const what = long ? `footnote ${long.id}` : "the remarks";
  const length = long ? long.text.length : remarks.length;
  throw new Form4ParseError(
    `${what} is ${grouped.format(length)} characters long; at most ${grouped.format(MAX_FOOTNOTE_CHARS)} are read, so the filing is not read`,
    { form: filing.source, where: what },
  );
}
