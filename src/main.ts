// `npm start`: read the configuration, open the store, build the EDGAR client, start the Slack
// app and the digest runner. A configuration a person must fix stops start-up with one message
// listing every problem and its fix. bin/start.js (`npm start`) runs the built copy of this file.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Logger } from "@slack/bolt";
import { AlertPoller } from "./alerts/poller.js";
import { ConfigError, loadBotConfig } from "./config.js";
import { migrateToTeamKeys } from "./digest/migrate.js";
import { DigestRunner } from "./digest/runner.js";
import { openEdgarStack } from "./edgar/stack.js";
import { closeReadPool } from "./engine/pool.js";
import { EdgarActivity, HEALTH_PATH, healthRoute } from "./health.js";
import { LeaseRegistry } from "./lease.js";
import { createApp, INSTALL_PATH, SlackStartError } from "./slack/app.js";
import type { Installations } from "./slack/installations.js";
import { createLogger, loadPrettifier } from "./slack/logger.js";
import { createStore, type Store, StoreError } from "./store.js";

/**
 * Shutdown (SIGTERM, SIGINT): commands and unfurls under way get this long to finish before the
 * people still waiting are told; digests stop between two messages a second earlier, so a
 * "digest now" can say how far it got; everything is closed well within 10 s.
 */
export const SHUTDOWN_WORK_GRACE_MS = 8000;
export const SHUTDOWN_DIGEST_GRACE_MS = 7000;
/** A shutdown that still has not finished by then exits anyway. */
const SHUTDOWN_HARD_LIMIT_MS = 15_000;

type Env = Record<string, string | undefined>;

export interface RunningBot {
  mode: "socket" | "http";
  /** HTTP mode: the port bound. */
  port?: number;
  /** Socket Mode: the port of /healthz (and the OAuth pages), when HEALTH_PORT (or OAuth) asks. */
  httpPort?: number;
  /** The workspace of SLACK_BOT_TOKEN; null with OAuth installs. */
  team: string | null;
  /** The OAuth installations (null with one token). */
  installations: Installations | null;
  store: Store;
  logger: Logger;
  /** Started with the app: posts the channels' digests every minute they are due. */
  runner: DigestRunner;
  /** Started with the app: reads EDGAR's live feed every EDGAR_POLL_SECONDS (null when 0). */
  alerts: AlertPoller | null;
  stop(): Promise<void>;
}

/** Everything `npm start` starts. Throws ConfigError / StoreError / SlackStartError for a person to fix. */
export async function startBot(env: Env, logger?: Logger): Promise<RunningBot> {
  const { config, slack: slackConfig } = loadBotConfig(env);
  const log =
    logger ??
    createLogger(
      config.logLevel,
      undefined,
      config.logFormat === "pretty"
        ? await loadPrettifier(process.stderr.isTTY === true)
        : undefined,
    );

  const store = await createStore(config.storeUrl, {
    // The store holds watchlists, digest and alert state and leases; the EDGAR cache is its own.
    onError: (error) => log.warn("The store (STORE_URL) could not be read or written", error),
  });
  let edgar: Awaited<ReturnType<typeof openEdgarStack>> | null = null;
  try {
    // The EDGAR cache (compressed, kept EDGAR_CACHE_DAYS), and with Redis the instances' shared
    // 10-a-second budget and throttle gate, live where STORE_URL says. A failing cache only costs a
    // refetch.

    // What EDGAR last did, for /healthz.
    const edgarActivity = new EdgarActivity();
    edgar = await openEdgarStack({
      config: config.edgar,
      storeUrl: config.storeUrl,
      cacheDays: config.edgarCacheDays,
      fetch: edgarActivity.recordingFetch(),
    });
    const { client, source, background } = edgar;
    const opened = edgar;
    const leases = new LeaseRegistry();
    // Bound once the app exists: /healthz asks it whether the Socket Mode connection is up.
    let socketConnected = (): boolean | null => null;
    const health = healthRoute({
      store,
      edgar: edgarActivity,
      edgarThrottledUntil: () => client.throttledUntil(),
      slack: () => ({
        mode: slackConfig.appToken ? "socket" : "http",
        connected: socketConnected(),
        oauth: Boolean(slackConfig.oauth),
      }),
    });
    const slack = createApp({
      routes: [health],
      slack: slackConfig,
      deps: { source, background, store, logger: log },
      digest: (post) =>
        new DigestRunner({
          store,
          // The digest is background work: it may wait out EDGAR, where a person's lookup may not.
          source: background,
          post,
          market: { client },
          edgarWwwUrl: config.edgar.wwwUrl,
          logger: log,
          leases,
        }),
      alerts:
        config.pollSeconds > 0
          ? (post) =>
              new AlertPoller({
                store,
                source,
                client,
                post,
                intervalMs: config.pollSeconds * 1000,
                logger: log,
              })
          : null,
      logLevel: config.logLevel,
    });
    const { runner, alerts, work } = slack;
    socketConnected = () => slack.socketConnected();
    const started = await slack.start();
    if (started.team) {
      // Records from before keys carried the team belong to this token's workspace.
      const moved = await migrateToTeamKeys(store, started.team);
      if (moved.length > 0) {
        log.info(`Moved the records of ${moved.length} channel(s) under workspace ${started.team}`);
      }
    }
    // Only once Slack accepted the token: a digest due right now can then be posted.
    runner.start();
    alerts?.start();
    const installs = slackConfig.oauth ? `; installs at ${INSTALL_PATH}` : "";
    log.info(
      started.mode === "socket"
        ? `form4 is running (Socket Mode${started.httpPort === undefined ? "" : `; ${HEALTH_PATH} on :${started.httpPort}`}${installs})`
        : `form4 is running (HTTP on :${started.port} at /slack/events${installs}; ${HEALTH_PATH})`,
    );
    return {
      ...started,
      installations: slack.installations,
      store,
      logger: log,
      runner,
      alerts,
      async stop() {
        // Take no new work (commands are told to try again in a minute), let what is under way
        // finish while Slack and the store are still there, tell the people whose answers could
        // not be finished, and give back every lease so another instance can go on at once.
        const [drained] = await Promise.all([
          work.drain(SHUTDOWN_WORK_GRACE_MS),
          runner.stop(SHUTDOWN_DIGEST_GRACE_MS),
          alerts?.stop(),
        ]);
        if (drained.finished + drained.abandoned > 0) {
          log.info(
            `Shutdown: ${drained.finished} answer(s) finished, ${drained.abandoned} not finished (their people were told)`,
          );
        }
        await leases.releaseAll();
        await slack.stop();
        // Nothing reads a filing any more: end the reader's worker threads.
        await closeReadPool();
        await opened.close();
        await store.close();
      },
    };
  } catch (err) {
    await edgar?.close();
    await store.close();
    throw err;
  }
}

/** Problems a person fixes in .env (or Slack's settings): their message is all they need. */
function isForPeople(err: unknown): err is Error {
  return err instanceof ConfigError || err instanceof StoreError || err instanceof SlackStartError;
}

/** Runs the bot until SIGINT/SIGTERM. Returns the exit code for start-up failures. */
export async function main(
  env: Env = process.env,
  stderr: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  let bot: RunningBot;
  try {
    bot = await startBot(env);
  } catch (err) {
    if (isForPeople(err)) {
      stderr(err.message);
      return 1;
    }
    stderr(`form4 could not start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: the person wants out now
    stopping = true;
    bot.logger.info(`${signal}: stopping`);
    setTimeout(() => {
      bot.logger.error("Stopping took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_HARD_LIMIT_MS).unref();
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        bot.logger.error("Stopping failed", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  return 0;
}

/** `npm start` (bin/start.js) and `node dist/src/main.js`: .env, then the bot until a signal. */
export async function runFromCommandLine(): Promise<void> {
  let code: number;
  try {
    // .env in the working directory, when present; variables already set win.
    if (existsSync(".env")) process.loadEnvFile(".env");
    code = await main();
  } catch (err) {
    process.stderr.write(
      `form4 could not start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    code = 1;
  }
  if (code !== 0) process.exit(code);
}

const runAsScript =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) await runFromCommandLine();
