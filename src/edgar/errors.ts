// Failures of looking something up on EDGAR, in words a person understands.

export type EdgarErrorKind =
  | "unknownTicker" // no company with that ticker
  | "noFilings" // the company has no Form 4 as issuer
  | "notForm4" // the linked filing is another form
  | "badLink" // not an EDGAR link we can read
  | "notFound" // EDGAR answered 404
  | "unavailable" // EDGAR did not answer usefully after retries (429/5xx/timeout/reset/bad body), or not in time
  | "throttled" // EDGAR's "Request Rate Threshold Exceeded" block: no request is sent until it ends
  | "tooLarge" // response over the size cap
  | "forbiddenHost"; // a URL outside the configured EDGAR hosts

export class EdgarError extends Error {
  override readonly name = "EdgarError";
  readonly kind: EdgarErrorKind;
  /** "throttled": when EDGAR may be asked again (epoch ms). */
  readonly until: number | null;
  constructor(
    kind: EdgarErrorKind,
    message: string,
    options?: { cause?: unknown; until?: number | null },
  ) {
    super(message, options);
    this.kind = kind;
    this.until = options?.until ?? null;
  }
}

/** Failures that pass (EDGAR slow, failing or throttling us): a cached copy may stand in. */
export function isPassing(error: unknown): error is EdgarError {
  return (
    error instanceof EdgarError && (error.kind === "unavailable" || error.kind === "throttled")
  );
}
