// GET /healthz: is this instance able to work, and how are Slack, the store and EDGAR doing?
// 200 while the store answers (what an instance cannot work without; a restart may help), with
// Slack's and EDGAR's state for people to read; 503 when the store does not answer. Slack or EDGAR
// being down is not the instance's fault, and restarting it would not help.

import type { CustomRoute } from "@slack/bolt";
import type { Store } from "./store.js";

export const HEALTH_PATH = "/healthz";
const STORE_TIMEOUT_MS = 2000;

/** What the EDGAR client's requests did last, recorded by the fetch it is given (`recordingFetch`). */
export class EdgarActivity {
  lastSuccessAt: number | null = null;
  lastFailureAt: number | null = null;
  lastFailure: string | null = null;

  /** `fetch` that notes each answer: 2xx/3xx/404 are EDGAR working; 403/429/5xx and errors are not. */
  recordingFetch(inner: typeof fetch = fetch): typeof fetch {
    return async (input, init) => {
      try {
        const response = await inner(input, init);
        const { status } = response;
        if (status < 400 || status === 404 || status === 410) this.lastSuccessAt = Date.now();
        else this.failed(`HTTP ${status}`);
        return response;
      } catch (error) {
        this.failed(error instanceof Error ? error.message : String(error));
        throw error;
      }
    };
  }

  private failed(reason: string): void {
    this.lastFailureAt = Date.now();
    this.lastFailure = reason;
  }
}

export interface HealthSources {
  store: Store;
  edgar: EdgarActivity;
  /** EDGAR's throttle block: until when (epoch ms), 0 when none. */
  edgarThrottledUntil: () => Promise<number>;
  slack: () => { mode: "socket" | "http"; connected: boolean | null; oauth: boolean };
  now?: () => number;
}

export interface HealthReport {
  status: "ok" | "unavailable";
  slack: { mode: "socket" | "http"; connected: boolean | null; installs: "oauth" | "token" };
  store: { ok: boolean; kind: Store["kind"]; ms: number; error?: string };
  edgar: {
    lastSuccessAt: string | null;
    lastFailureAt: string | null;
    lastFailure: string | null;
    throttled: boolean;
    throttledUntil: string | null;
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function storeState(store: Store): Promise<HealthReport["store"]> {
  const started = Date.now();
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${STORE_TIMEOUT_MS} ms`)),
        STORE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([store.kv("health").get("ping"), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { ok: true, kind: store.kind, ms: Date.now() - started };
  } catch (error) {
    return {
      ok: false,
      kind: store.kind,
      ms: Date.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export async function healthReport(sources: HealthSources): Promise<HealthReport> {
  const [store, throttledUntil] = await Promise.all([
    storeState(sources.store),
    sources.edgarThrottledUntil().catch(() => 0),
  ]);
  const slack = sources.slack();
  const { edgar } = sources;
  return {
    status: store.ok ? "ok" : "unavailable",
    slack: {
      mode: slack.mode,
      connected: slack.connected,
      installs: slack.oauth ? "oauth" : "token",
    },
    store,
    edgar: {
      lastSuccessAt: iso(edgar.lastSuccessAt),
      lastFailureAt: iso(edgar.lastFailureAt),
      lastFailure: edgar.lastFailure,
      throttled: throttledUntil > 0,
      throttledUntil: throttledUntil > 0 ? iso(throttledUntil) : null,
    },
  };
}

/** The Bolt custom route answering GET /healthz with the report as JSON. */
export function healthRoute(sources: HealthSources): CustomRoute {
  return {
    path: HEALTH_PATH,
    method: ["GET"],
    handler: async (_req, res) => {
      const report = await healthReport(sources);
      res.writeHead(report.status === "ok" ? 200 : 503, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(`${JSON.stringify(report)}\n`);
    },
  };
}
