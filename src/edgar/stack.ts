// Everything an edge (CLI, Slack app, digest) needs to reach EDGAR, built once per process.

import type Keyv from "keyv";
import { EdgarClient, type EdgarClientOptions } from "./client.js";
import { createForm4Source, type Form4SourceOptions } from "./filings.js";
import type { Form4Source } from "./types.js";

export interface EdgarStack {
  client: EdgarClient;
  source: Form4Source;
}

/**
 * The EDGAR client and the Form4Source over it. `cache` is where answers are kept (in the app, the
 * store's "edgar" namespace; for a one-off CLI run, `new Keyv()` is fine).
 */
export function createEdgarStack(
  options: EdgarClientOptions & { cache: Keyv; source?: Form4SourceOptions },
): EdgarStack {
  const client = new EdgarClient(options);
  return { client, source: createForm4Source(client, options.source) };
}
