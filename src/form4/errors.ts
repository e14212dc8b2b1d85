import type { InputForm } from "./model.js";

/**
 * The one error every reader throws for input it cannot read.
 * `message` is for a person: what was expected and where it went wrong.
 */
export class Form4ParseError extends Error {
  override readonly name = "Form4ParseError";
  /** The input form the reader believed it had, or null when the form itself was not recognised. */
  readonly form: InputForm | null;
  /** Where it went wrong, e.g. "nonDerivativeTransaction 3, transactionShares" or "line 57". */
  readonly where: string | null;

  constructor(message: string, options: { form?: InputForm | null; where?: string | null } = {}) {
    super(message);
    this.form = options.form ?? null;
    this.where = options.where ?? null;
  }
}
