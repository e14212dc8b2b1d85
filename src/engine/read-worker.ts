// The worker side of the read pool: one filing in, its filing and summary (or the reader's
// plain-words error) out. Errors cross the thread as data, so the caller gets a real
// Form4ParseError back.

import { Form4ParseError } from "../form4/errors.js";
import type { InputForm } from "../form4/model.js";
import { type ReadFiling, type ReadOptions, readFiling } from "../form4/read.js";

export interface ReadTask {
  input: string | Uint8Array;
  options: ReadOptions;
}

export type ReadAnswer =
  | { ok: true; read: ReadFiling }
  | { ok: false; message: string; form: InputForm | null; where: string | null };

export default function read(task: ReadTask): ReadAnswer {
  try {
    return { ok: true, read: readFiling(task.input, task.options) };
  } catch (error) {
    if (error instanceof Form4ParseError) {
      return { ok: false, message: error.message, form: error.form, where: error.where };
    }
    throw error;
  }
}
