// Everything an edge (CLI, Slack app, digest) needs to reach EDGAR, built once per process.

import Keyv from "keyv";
import { EdgarClient, type EdgarClientOptions } from "./client.js";
import { createForm4Source, type Form4SourceOptions, INTERACTIVE_DEADLINE_MS } from "./filings.js";
import type { Form4Source } from "./types.js";

export interface EdgarStack {
  client: EdgarClient;
  /** For people waiting (Slack commands and unfurls, the CLI): every call answers within ~8 s. */
  source: Form4Source;
  /** For background work (digests, history, alerts): waits out EDGAR's retries and Retry-After. */
  background: Form4Source;
}

/** A Map that forgets its least recently used entries beyond `max`, for an in-memory keyv. */
class BoundedMap<K, V> extends Map<K, V> {
  private readonly max: number;
  constructor(max: number) {
    super();
    this.max = max;
  }
  override get(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }
  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.max) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      super.delete(oldest.value);
    }
    return this;
  }
}

/**
 * An in-process EDGAR cache that keeps at most `maxEntries` answers (filings are ~10 KB, the ticker
 * map ~700 KB), for one-off runs (the CLI) and benchmarks. The app uses the store instead.
 */
export function memoryCache(maxEntries = 500): Keyv {
  return new Keyv({ store: new BoundedMap<string, unknown>(maxEntries) });
}

/**
 * The EDGAR client and the Form4Source over it. `cache`: where answers are kept (in the app, the
 * store's "edgar" namespace); default a bounded in-memory cache.
 */
export function createEdgarStack(
  options: Omit<EdgarClientOptions, "cache"> & { cache?: Keyv; source?: Form4SourceOptions },
): EdgarStack {
  const client = new EdgarClient({ ...options, cache: options.cache ?? memoryCache() });
  return {
    client,
    source: createForm4Source(client, {
      deadlineMs: INTERACTIVE_DEADLINE_MS,
      ...options.source,
    }),
    background: createForm4Source(client, { ...options.source, deadlineMs: undefined }),
  };
}
