// Every environment variable the product reads, checked once at start. Nothing else reads process.env.

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly variable: string;
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem} (see README.md, "Configuration").`);
    this.variable = variable;
  }
}

type Env = Record<string, string | undefined>;

export const DEFAULT_EDGAR_WWW_URL = "https://www.sec.gov";
export const DEFAULT_EDGAR_DATA_URL = "https://data.sec.gov";
export const DEFAULT_STORE_URL = "sqlite://data/form4.sqlite";

export interface EdgarConfig {
  userAgent: string;
  wwwUrl: string;
  dataUrl: string;
}

export interface SlackConfig {
  botToken: string;
  /** Socket Mode when set. */
  appToken: string | null;
  /** Required in HTTP mode. */
  signingSecret: string | null;
  port: number;
  /** Base URL of the Slack Web API, e.g. a test stand-in ("http://127.0.0.1:4000/api/"). */
  apiUrl: string | null;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Config {
  edgar: EdgarConfig;
  storeUrl: string;
  logLevel: LogLevel;
}

function nonEmpty(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v ? v : null;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = nonEmpty(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL: "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, "");
}

/** EDGAR settings. The SEC asks every client to declare "Name contact@domain". */
export function loadEdgarConfig(env: Env): EdgarConfig {
  const wwwUrl = httpUrl(env, "EDGAR_WWW_URL", DEFAULT_EDGAR_WWW_URL);
  const dataUrl = httpUrl(env, "EDGAR_DATA_URL", DEFAULT_EDGAR_DATA_URL);
  const userAgent = nonEmpty(env, "SEC_USER_AGENT");
  const real = [wwwUrl, dataUrl].some((u) => new URL(u).hostname.endsWith("sec.gov"));
  if (!userAgent) {
    if (real) {
      throw new ConfigError(
        "SEC_USER_AGENT",
        'is not set; the SEC requires a User-Agent like "Jane Doe jane@example.com" on every request',
      );
    }
    return { userAgent: "form4-test contact@example.com", wwwUrl, dataUrl };
  }
  if (!/\S+@\S+\.\S+/.test(userAgent)) {
    throw new ConfigError(
      "SEC_USER_AGENT",
      `must name you and an e-mail address, like "Jane Doe jane@example.com"; got "${userAgent}"`,
    );
  }
  return { userAgent, wwwUrl, dataUrl };
}

export function loadConfig(env: Env): Config {
  const level = (nonEmpty(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!["debug", "info", "warn", "error"].includes(level)) {
    throw new ConfigError("LOG_LEVEL", `must be one of debug, info, warn, error; got "${level}"`);
  }
  const storeUrl = nonEmpty(env, "STORE_URL") ?? DEFAULT_STORE_URL;
  if (!/^(sqlite|redis|rediss):\/\//.test(storeUrl) && storeUrl !== "memory://") {
    throw new ConfigError(
      "STORE_URL",
      `must start with sqlite://, redis:// or rediss:// (or be memory://); got "${storeUrl}"`,
    );
  }
  return { edgar: loadEdgarConfig(env), storeUrl, logLevel: level as LogLevel };
}

export function loadSlackConfig(env: Env): SlackConfig {
  const botToken = nonEmpty(env, "SLACK_BOT_TOKEN");
  if (!botToken) throw new ConfigError("SLACK_BOT_TOKEN", "is not set");
  if (!botToken.startsWith("xoxb-")) {
    throw new ConfigError("SLACK_BOT_TOKEN", 'must be a bot token starting with "xoxb-"');
  }
  const appToken = nonEmpty(env, "SLACK_APP_TOKEN");
  if (appToken && !appToken.startsWith("xapp-")) {
    throw new ConfigError("SLACK_APP_TOKEN", 'must be an app-level token starting with "xapp-"');
  }
  const signingSecret = nonEmpty(env, "SLACK_SIGNING_SECRET");
  if (!appToken && !signingSecret) {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "is not set; it is needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  const portRaw = nonEmpty(env, "PORT") ?? "3000";
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError("PORT", `must be a port number; got "${portRaw}"`);
  }
  const apiUrlRaw = nonEmpty(env, "SLACK_API_URL");
  const apiUrl = apiUrlRaw ? `${httpUrl(env, "SLACK_API_URL", apiUrlRaw)}/` : null;
  return { botToken, appToken, signingSecret, port, apiUrl };
}
