// Every environment variable the product reads, checked once at start. Nothing else reads process.env.
// Every problem is collected before anything is reported, so a person fixing .env sees all of them
// in one run, each with what to do about it.

/** One variable that is missing or malformed, with its fix. */
export interface ConfigProblem {
  variable: string;
  /** "is not set; copy …": what is wrong and what to do, without the variable's name. */
  problem: string;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly ConfigProblem[];
  /** The first problem's variable (most callers have one). */
  readonly variable: string;
  constructor(problems: readonly ConfigProblem[]) {
    super(describeProblems(problems));
    this.problems = problems;
    this.variable = problems[0]?.variable ?? "";
  }
}

const SEE = '(see README.md, "Configuration")';

function describeProblems(problems: readonly ConfigProblem[]): string {
  if (problems.length === 1) {
    const [p] = problems as [ConfigProblem];
    return `${p.variable} ${p.problem} ${SEE}.`;
  }
  return [
    `${problems.length} problems in the configuration (.env or the environment) ${SEE}:`,
    ...problems.map((p) => `  - ${p.variable} ${p.problem}`),
  ].join("\n");
}

type Env = Record<string, string | undefined>;

/** Collects problems; `done` throws them all at once. */
class Problems {
  readonly list: ConfigProblem[] = [];
  add(variable: string, problem: string): null {
    this.list.push({ variable, problem });
    return null;
  }
  done(): void {
    if (this.list.length > 0) throw new ConfigError(this.list);
  }
}

export const DEFAULT_EDGAR_WWW_URL = "https://www.sec.gov";
export const DEFAULT_EDGAR_DATA_URL = "https://data.sec.gov";
export const DEFAULT_STORE_URL = "sqlite://data/form4.sqlite";
export const DEFAULT_PORT = 3000;

export interface EdgarConfig {
  userAgent: string;
  wwwUrl: string;
  dataUrl: string;
}

/** Distribution to many workspaces through Slack's OAuth flow (all three variables set). */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth `state` parameter. */
  stateSecret: string;
}

export interface SlackConfig {
  /** The one workspace's bot token; null when installs come through OAuth (`oauth`). */
  botToken: string | null;
  /** Socket Mode when set. */
  appToken: string | null;
  /** Required in HTTP mode. */
  signingSecret: string | null;
  port: number;
  /** Base URL of the Slack Web API, e.g. a test stand-in ("http://127.0.0.1:4000/api/"). */
  apiUrl: string | null;
  /** Set: many workspaces install the app through /slack/install. */
  oauth?: OAuthConfig | null;
  /** Socket Mode: the port of the HTTP server for /healthz (and the OAuth pages). */
  healthPort?: number | null;
}

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "pretty";

export interface Config {
  edgar: EdgarConfig;
  storeUrl: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** EDGAR_POLL_SECONDS: how often the live feed is read for alerts; 0 = alerts off. */
  pollSeconds: number;
  /** EDGAR_CACHE_DAYS: how long an EDGAR answer is kept in the cache (src/edgar/cache.ts). */
  edgarCacheDays: number;
}

export const DEFAULT_POLL_SECONDS = 30;

function pollSeconds(problems: Problems, env: Env): number {
  const raw = nonEmpty(env, "EDGAR_POLL_SECONDS") ?? String(DEFAULT_POLL_SECONDS);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 3600) {
    problems.add(
      "EDGAR_POLL_SECONDS",
      `must be a whole number of seconds from 1 to 3600 (or 0 to turn alerts off); got "${raw}"`,
    );
    return DEFAULT_POLL_SECONDS;
  }
  return n;
}

/** Kept a month by default: ~30,000 filings from the market digest, ~75 MB (README, "EDGAR etiquette"). */
export const DEFAULT_EDGAR_CACHE_DAYS = 30;

function nonEmpty(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v ? v : null;
}

function checkUrl(problems: Problems, name: string, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return problems.add(name, `is not a URL: "${raw}"; write it like https://host/`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return problems.add(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, "");
}

function httpUrl(problems: Problems, env: Env, name: string, fallback: string): string | null {
  return checkUrl(problems, name, nonEmpty(env, name) ?? fallback);
}

function port(problems: Problems, env: Env, name: string): number | null {
  const raw = nonEmpty(env, name);
  if (raw === null) return null;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65535) {
    return problems.add(name, `must be a port number from 0 to 65535; got "${raw}"`);
  }
  return n;
}

function oneOf<T extends string>(
  problems: Problems,
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = (nonEmpty(env, name) ?? fallback).toLowerCase();
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.add(name, `must be one of ${allowed.join(", ")}; got "${raw}"`);
  return fallback;
}

function edgarInto(problems: Problems, env: Env): EdgarConfig {
  const wwwUrl = httpUrl(problems, env, "EDGAR_WWW_URL", DEFAULT_EDGAR_WWW_URL);
  const dataUrl = httpUrl(problems, env, "EDGAR_DATA_URL", DEFAULT_EDGAR_DATA_URL);
  const userAgent = nonEmpty(env, "SEC_USER_AGENT");
  const hosts = [wwwUrl ?? DEFAULT_EDGAR_WWW_URL, dataUrl ?? DEFAULT_EDGAR_DATA_URL];
  const real = hosts.some((u) => new URL(u).hostname.endsWith("sec.gov"));
  const fallback = { wwwUrl: hosts[0] as string, dataUrl: hosts[1] as string };
  if (!userAgent) {
    if (real) {
      problems.add(
        "SEC_USER_AGENT",
        'is not set; the SEC requires a User-Agent like "Jane Doe jane@example.com" on every request: set it to your name and e-mail',
      );
    }
    return { userAgent: "form4-test contact@example.com", ...fallback };
  }
  if (!/\S+@\S+\.\S+/.test(userAgent)) {
    problems.add(
      "SEC_USER_AGENT",
      `must name you and an e-mail address, like "Jane Doe jane@example.com"; got "${userAgent}"`,
    );
  }
  return { userAgent, ...fallback };
}

function configInto(problems: Problems, env: Env): Config {
  const logLevel = oneOf(problems, env, "LOG_LEVEL", ["debug", "info", "warn", "error"], "info");
  const logFormat = oneOf(problems, env, "LOG_FORMAT", ["json", "pretty"], "json");
  const storeUrl = nonEmpty(env, "STORE_URL") ?? DEFAULT_STORE_URL;
  if (!/^(sqlite|redis|rediss):\/\//.test(storeUrl) && storeUrl !== "memory://") {
    problems.add(
      "STORE_URL",
      `must start with sqlite://, redis:// or rediss:// (or be memory://); got "${storeUrl}"`,
    );
  }
  const daysRaw = nonEmpty(env, "EDGAR_CACHE_DAYS");
  let edgarCacheDays = DEFAULT_EDGAR_CACHE_DAYS;
  if (daysRaw !== null) {
    const days = Number(daysRaw);
    if (!/^\d+(\.\d+)?$/.test(daysRaw) || days <= 0 || days > 3650) {
      problems.add(
        "EDGAR_CACHE_DAYS",
        `must be a number of days above 0 and at most 3650; got "${daysRaw}"`,
      );
    } else {
      edgarCacheDays = days;
    }
  }
  return {
    edgar: edgarInto(problems, env),
    storeUrl,
    logLevel,
    logFormat,
    pollSeconds: pollSeconds(problems, env),
    edgarCacheDays,
  };
}

const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

function oauthInto(problems: Problems, env: Env): OAuthConfig | null {
  const values = OAUTH_VARIABLES.map((name) => nonEmpty(env, name));
  if (values.every((v) => v === null)) return null;
  const missing = OAUTH_VARIABLES.filter((_, i) => values[i] === null);
  for (const name of missing) {
    problems.add(
      name,
      `is not set; installing in many workspaces needs all of ${OAUTH_VARIABLES.join(", ")} (Basic Information → App Credentials; the state secret is any long random string), or none of them for one workspace`,
    );
  }
  if (missing.length > 0) return null;
  const [clientId, clientSecret, stateSecret] = values as [string, string, string];
  return { clientId, clientSecret, stateSecret };
}

function slackInto(problems: Problems, env: Env): SlackConfig {
  const oauth = oauthInto(problems, env);
  const oauthWanted = OAUTH_VARIABLES.some((name) => nonEmpty(env, name) !== null);
  const botToken = nonEmpty(env, "SLACK_BOT_TOKEN");
  if (!botToken && !oauthWanted) {
    problems.add(
      "SLACK_BOT_TOKEN",
      "is not set; copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page",
    );
  } else if (botToken && !botToken.startsWith("xoxb-")) {
    problems.add(
      "SLACK_BOT_TOKEN",
      'must be a bot token starting with "xoxb-" (OAuth & Permissions → Bot User OAuth Token)',
    );
  }
  const appToken = nonEmpty(env, "SLACK_APP_TOKEN");
  if (appToken && !appToken.startsWith("xapp-")) {
    problems.add(
      "SLACK_APP_TOKEN",
      'must be an app-level token starting with "xapp-" (Basic Information → App-Level Tokens, scope connections:write)',
    );
  }
  const signingSecret = nonEmpty(env, "SLACK_SIGNING_SECRET");
  if (!appToken && !signingSecret) {
    problems.add(
      "SLACK_SIGNING_SECRET",
      "is not set; it is needed in HTTP mode (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode",
    );
  }
  const apiUrlRaw = nonEmpty(env, "SLACK_API_URL");
  const apiUrl = apiUrlRaw ? checkUrl(problems, "SLACK_API_URL", apiUrlRaw) : null;
  return {
    // In OAuth mode each workspace's token comes from its installation, not from .env.
    botToken: oauth ? null : botToken,
    appToken,
    signingSecret,
    port: port(problems, env, "PORT") ?? DEFAULT_PORT,
    apiUrl: apiUrl === null ? null : `${apiUrl}/`,
    oauth,
    healthPort: port(problems, env, "HEALTH_PORT"),
  };
}

/** EDGAR settings. The SEC asks every client to declare "Name contact@domain". */
export function loadEdgarConfig(env: Env): EdgarConfig {
  const problems = new Problems();
  const config = edgarInto(problems, env);
  problems.done();
  return config;
}

/** What every part of the program reads (the CLI too). */
export function loadConfig(env: Env): Config {
  const problems = new Problems();
  const config = configInto(problems, env);
  problems.done();
  return config;
}

export function loadSlackConfig(env: Env): SlackConfig {
  const problems = new Problems();
  const config = slackInto(problems, env);
  problems.done();
  return config;
}

/** Everything `npm start` reads; one ConfigError listing every problem. */
export function loadBotConfig(env: Env): { config: Config; slack: SlackConfig } {
  const problems = new Problems();
  const config = configInto(problems, env);
  const slack = slackInto(problems, env);
  problems.done();
  return { config, slack };
}
