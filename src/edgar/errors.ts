// Failures of looking something up on EDGAR, in words a person understands.

export type EdgarErrorKind =
  | "unknownTicker" // no company with that ticker
  | "noFilings" // the company has no Form 4 as issuer
  | "notForm4" // the linked filing is another form
  | "badLink" // not an EDGAR link we can read
  | "notFound" // EDGAR answered 404
  | "unavailable" // EDGAR did not answer usefully after retries (429/5xx/timeout/reset)
  | "tooLarge" // response over the size cap
  | "forbiddenHost"; // a URL outside the configured EDGAR hosts

export class EdgarError extends Error {
  override readonly name = "EdgarError";
  readonly kind: EdgarErrorKind;
  constructor(kind: EdgarErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
