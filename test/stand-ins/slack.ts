/**
 * A stand-in for Slack, for tests: a real HTTP server on 127.0.0.1 (port 0) that plays the Web API,
 * the `response_url` endpoints and the Socket Mode server. Nothing leaves the machine.
 *
 *   const slack = await startSlackStandIn();
 *   // SLACK_API_URL = slack.url            ("http://127.0.0.1:PORT/api/")
 *   slack.calls                             every Web API call and response_url post, in order
 *   slack.responseUrl("c1")                 a response_url whose posts are recorded as
 *                                           { method: "response_url", responseId: "c1", body }
 *   await slack.waitFor((c) => c.method === "chat.unfurl")   the first matching call (waits)
 *   slack.failNext("auth.test", "invalid_auth")              the next call of a method answers an error
 *   slack.setLatency("chat.postMessage", 20)                 answer that method after 20 ms
 *   slack.setUserChannels("U0ANALYST", ["C0CHANNEL", "G0SECRET"])   what users.conversations lists
 *                                                            for that user (in pages of `limit`)
 *   const trigger = slack.trigger()          a trigger_id for an interaction payload (3 s, once)
 *   slack.setChannel("C0SECRET", { private: true, botMember: false })   a channel as Slack sees it
 *                                           (see "Channels the bot can or cannot post in" below)
 *   slack.setBotScopes([...])                the bot token's scopes (x-oauth-scopes); default the
 *                                            manifest's
 *
 * Slack's limits (see "Slack's limits" below):
 *   response_url: at most 5 posts within 30 minutes of the command; the 6th, or any after the 30
 *   minutes, is refused with HTTP 404 and the body `used_url` / `expired_url`, recorded with
 *   `refused` set. `slack.responseUrl("c1", { ageMs: 31 * 60_000, used: 5 })` issues one as if
 *   the command came that long ago / that many posts were already made.
 *   Web API rate limits: `slack.rateLimit("chat.postMessage", { max: 1, perMs: 1000, by: "channel" })`
 *   answers HTTP 429 with `Retry-After: N` (seconds) past `max` calls in `perMs` (per channel, or
 *   per method), recorded with `refused: "ratelimited"` and `retryAfter`; `slack.earlyRetries`
 *   counts calls that came back before the Retry-After they were given had passed.
 *   `slack.rateLimitNext("files.completeUploadExternal", 1)` answers the next call so, once;
 *   `slack.slackRateLimits()` puts Slack's published limits on every method they name.
 *   SLACK_RATE_LIMITS lists Slack's published limits of the methods the app calls.
 *   await slack.close()
 *
 * OAuth (many workspaces): `slack.oauthCode("T0ONE")` is a code Slack would hand the app's redirect
 * URL after that workspace approved the install; oauth.v2.access exchanges it (once) for the
 * workspace's bot token `botTokenOf("T0ONE")`, and auth.test answers with the team of the token it
 * is given (TEAM_ID for any other xoxb- token).
 *
 * Web API methods answered: api.test, oauth.v2.access, auth.test, chat.postMessage, chat.postEphemeral, chat.unfurl,
 * views.publish, views.open and views.update (a modal: at most 100 blocks, a title of at most 24
 * characters; views.open needs a trigger_id from `trigger()`, used once within Slack's 3 seconds,
 * else expired_trigger_id / exchanged_trigger_id / invalid_trigger_id; answers the view with an
 * id that views.update takes), users.conversations (channels set with setUserChannels; ids
 * starting with "G" are private; cursor pagination), apps.connections.open (app token only; answers
 * ws://…/socket), and the file upload as Bolt's files.uploadV2 makes it:
 *   files.getUploadURLExternal (filename, length) → an upload_url on this server and a file id;
 *   POST upload_url (multipart, the bytes in field "body", as @slack/web-api sends them);
 *   files.completeUploadExternal (files: [{ id, title }], channel_id optional) → the file,
 *   refused (file_not_found / upload_incomplete) when its bytes never came or their length is
 *   not the one declared.
 *   slack.uploads                      each file: id, filename, declared length, alt text, bytes, …
 * conversations.info (a declared channel; any other is a public channel the bot is in).
 *
 * Channels the bot can or cannot post in, as Slack answers (declared with setChannel):
 *   - a private channel the bot is not in is invisible to it: chat.postMessage (and
 *     chat.postEphemeral, refused as it is below) and conversations.info answer
 *     `channel_not_found`, users.conversations leaves it out;
 *   - an archived channel: chat.postMessage answers `is_archived`; conversations.info says
 *     `is_archived: true`;
 *   - a public channel the bot is not in: chat.postMessage answers `not_in_channel` unless the
 *     token has `chat:write.public`; conversations.info says `is_member: false`.
 *   Every Web API answer carries the token's scopes in `x-oauth-scopes`, as Slack's do.
 * Any other
 * method answers { ok: false, error: "unknown_method" }. Bodies are parsed from form encoding or
 * JSON; JSON-encoded fields (blocks, unfurls, view, …) are decoded.
 *
 * Socket Mode: after apps.connections.open the app connects to /socket and receives `hello`.
 *   await slack.socketConnected()
 *   const id = slack.pushEnvelope("slash_commands", payload)        → envelope_id
 *   const id = slack.pushEnvelope("events_api", eventBody, { retryAttempt: 1 })
 *   const ack = await slack.waitForAck(id)                           the app's ack payload
 *
 * HTTP mode helpers (sign like Slack does: v0 HMAC-SHA256 of `v0:${ts}:${body}`):
 *   signedHeaders(secret, body, { timestamp?, contentType?, retryNum? })
 *   slashCommandBody({ text, response_url, … }) → form-encoded body
 *   eventBody(event, { eventId? }) → JSON event_callback body
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { BOT_SCOPES } from "../../src/slack/scopes.js";

export interface SlackCall {
  /**
   * Web API method ("chat.postMessage"), "response_url" for a post to a response_url, "upload" for
   * bytes posted to a file upload URL (body: { fileId, bytes }).
   */
  method: string;
  body: Record<string, unknown>;
  /** The bearer token the call carried (Web API calls). */
  token: string | null;
  /** The id given to responseUrl(id), for response_url posts. */
  responseId?: string;
  /** When the answer was sent (ms since the epoch, sub-millisecond: performance.timeOrigin + now()). */
  at?: number;
  /**
   * Set when Slack's limits refused the call: "ratelimited" (HTTP 429), "used_url" or
   * "expired_url" (a response_url, HTTP 404). Refused calls did nothing.
   */
  refused?: string;
  /** The Retry-After (seconds) a rate-limited call was answered with. */
  retryAfter?: number;
}

/** A file uploaded through files.getUploadURLExternal → upload → files.completeUploadExternal. */
export interface SlackUpload {
  fileId: string;
  filename: string;
  /** The `length` files.getUploadURLExternal was given. */
  declaredLength: number;
  altText: string | null;
  /** The bytes posted to the upload URL (null until they come). */
  bytes: Buffer | null;
  completed: boolean;
  title: string | null;
  /** Where files.completeUploadExternal shared it (null: not shared, the app's own file). */
  channelId: string | null;
}

export interface SocketAck {
  envelope_id: string;
  payload: Record<string, unknown>;
}

export interface SlackStandIn {
  /** Base URL for SLACK_API_URL, ending in "/api/". */
  url: string;
  calls: SlackCall[];
  acks: SocketAck[];
  uploads: SlackUpload[];
  /**
   * A response_url as a command carries it; `ageMs`: the command came that long ago; `used`: that
   * many posts were already made to it.
   */
  responseUrl(id: string, options?: { ageMs?: number; used?: number }): string;
  /** Rate-limits `method` from now on (replacing any earlier limit of it); null lifts it. */
  rateLimit(method: string, limit: RateLimit | null): void;
  /** The next call of `method` is answered 429 with `Retry-After: retryAfterS` (once). */
  rateLimitNext(method: string, retryAfterS: number): void;
  /** Slack's published limits (SLACK_RATE_LIMITS) on every method they name. */
  slackRateLimits(): void;
  /** Calls that came back before the Retry-After they had been answered with had passed. */
  readonly earlyRetries: number;
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  failNext(method: string, error: string): void;
  /** A one-time OAuth code for installing the app in `team`. */
  oauthCode(team: string): string;
  /** Every later call of `method` is answered after `ms` (Slack takes tens to hundreds of ms). */
  setLatency(method: string, ms: number): void;
  /** The channels users.conversations lists for `user` (public and private, in this order). */
  setUserChannels(user: string, channels: string[]): void;
  /** A trigger_id as Slack puts in an interaction payload: views.open takes it once, within 3 s. */
  trigger(): string;
  /** How Slack sees a channel (undeclared channels are public, the bot a member, not archived). */
  setChannel(id: string, channel: StandInChannel): void;
  /** The bot token's scopes, sent in x-oauth-scopes (default: the manifest's, BOT_SCOPES). */
  setBotScopes(scopes: readonly string[]): void;
  socketConnected(timeoutMs?: number): Promise<void>;
  pushEnvelope(
    type: "slash_commands" | "events_api" | "interactive",
    payload: Record<string, unknown>,
    options?: { retryAttempt?: number },
  ): string;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

/** A channel as the stand-in's Slack sees it (see setChannel). */
export interface StandInChannel {
  /** default false */
  private?: boolean;
  /** default false */
  archived?: boolean;
  /** Whether the bot is a member (default true). */
  botMember?: boolean;
  /** default the id in lower case */
  name?: string;
}

/** The scopes the manifest asks for: what an install of the app grants its bot token. */
export const MANIFEST_BOT_SCOPES = BOT_SCOPES;

export const BOT_USER_ID = "UBOT0FORM4";
export const BOT_ID = "BBOT0FORM4";
export const TEAM_ID = "T0STANDIN";
export const APP_ID = "A0STANDIN";

// ---- Slack's limits ------------------------------------------------------------------------------

/** Slack: a response_url takes up to 5 posts, within 30 minutes of the interaction. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** A rate limit of one Web API method: at most `max` calls in any `perMs`, per channel or method. */
export interface RateLimit {
  max: number;
  perMs: number;
  /** "channel": counted per `channel` argument (chat.postMessage's 1 a second per channel). */
  by?: "channel" | "method";
  /** The Retry-After to answer (seconds); default the time until a call would be taken again. */
  retryAfterS?: number;
}

/**
 * Slack's published limits (docs.slack.dev, "Rate limits"; per workspace): Tier 2 is 20+ a
 * minute, Tier 3 50+, Tier 4 100+; chat.postMessage about 1 a second per channel (bursts
 * allowed); chat.postEphemeral and views.* are Tier 4 or their own special limits.
 */
export const SLACK_RATE_LIMITS: Record<string, RateLimit> = {
  "chat.postMessage": { max: 1, perMs: 1000, by: "channel" },
  "chat.postEphemeral": { max: 100, perMs: 60_000 },
  "chat.update": { max: 50, perMs: 60_000 },
  "chat.unfurl": { max: 50, perMs: 60_000 },
  "views.open": { max: 100, perMs: 60_000 },
  "views.update": { max: 100, perMs: 60_000 },
  "views.publish": { max: 100, perMs: 60_000 },
  "files.getUploadURLExternal": { max: 20, perMs: 60_000 },
  "files.completeUploadExternal": { max: 20, perMs: 60_000 },
  "conversations.info": { max: 50, perMs: 60_000 },
  "users.conversations": { max: 50, perMs: 60_000 },
};

/**
 * The Web API's rate limiter: a sliding window of the calls taken per (method, key), the 429s
 * told, and the calls that came back before their Retry-After.
 */
export class RateLimiter {
  private readonly limits = new Map<string, RateLimit>();
  private readonly taken = new Map<string, number[]>();
  /** (method, key) → until when (ms) the last 429 told the caller to wait. */
  private readonly toldToWait = new Map<string, number>();
  early = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** One-time 429s per method (Retry-After seconds), before any limit is counted. */
  private readonly next = new Map<string, number[]>();

  set(method: string, limit: RateLimit | null): void {
    if (limit === null) this.limits.delete(method);
    else this.limits.set(method, { ...limit });
  }

  once(method: string, retryAfterS: number): void {
    this.next.set(method, [...(this.next.get(method) ?? []), retryAfterS]);
  }

  /** null: the call is taken (and counted); a number: refused, Retry-After in seconds. */
  check(method: string, body: Record<string, unknown>): number | null {
    const limit = this.limits.get(method);
    const key = `${method} ${limit?.by === "channel" ? String(body.channel ?? "") : ""}`;
    const now = this.clock();
    const waitUntil = this.toldToWait.get(key);
    if (waitUntil !== undefined && now < waitUntil) this.early += 1;
    const once = this.next.get(method)?.shift();
    if (once !== undefined) {
      this.toldToWait.set(key, now + once * 1000);
      return once;
    }
    if (!limit) return null;
    const recent = (this.taken.get(key) ?? []).filter((t) => now - t < limit.perMs);
    if (recent.length < limit.max) {
      recent.push(now);
      this.taken.set(key, recent);
      return null;
    }
    this.taken.set(key, recent);
    const oldest = recent[0] ?? now;
    const retryAfter =
      limit.retryAfterS ?? Math.max(1, Math.ceil((oldest + limit.perMs - now) / 1000));
    this.toldToWait.set(key, now + retryAfter * 1000);
    return retryAfter;
  }
}

/** A response_url's uses: refused past 5 posts or 30 minutes, as Slack does. */
export class ResponseUrls {
  private readonly urls = new Map<string, { issuedAt: number; used: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  issue(id: string, options: { ageMs?: number; used?: number } = {}): void {
    this.urls.set(id, { issuedAt: this.clock() - (options.ageMs ?? 0), used: options.used ?? 0 });
  }

  /** null: taken (counted); otherwise Slack's refusal. Unknown ids are taken (tests make URLs). */
  use(id: string): "used_url" | "expired_url" | null {
    let url = this.urls.get(id);
    if (!url) {
      url = { issuedAt: this.clock(), used: 0 };
      this.urls.set(id, url);
    }
    if (this.clock() - url.issuedAt > RESPONSE_URL_LIFETIME_MS) return "expired_url";
    if (url.used >= RESPONSE_URL_MAX_USES) return "used_url";
    url.used += 1;
    return null;
  }
}

/** The bot token oauth.v2.access hands out for a workspace. */
export function botTokenOf(team: string): string {
  return `xoxb-${team}-stand-in`;
}

/** The team of a bot token from oauth.v2.access; TEAM_ID for any other. */
function teamOfToken(token: string): string {
  return /^xoxb-(T[A-Z0-9]+)-stand-in$/.exec(token)?.[1] ?? TEAM_ID;
}

const JSON_FIELDS = ["blocks", "unfurls", "view", "attachments", "metadata", "files"];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    const value = body[field];
    if (typeof value === "string") {
      try {
        body[field] = JSON.parse(value);
      } catch {
        // left as the string Slack would have rejected; the test sees exactly what was sent
      }
    }
  }
  return body;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: SlackCall[] = [];
  const acks: SocketAck[] = [];
  const uploads: SlackUpload[] = [];
  const failures = new Map<string, string[]>();
  const userChannels = new Map<string, string[]>();
  const latency = new Map<string, number>();
  const rateLimiter = new RateLimiter();
  const responseUrls = new ResponseUrls();
  /** trigger_id → when it was issued (ms); deleted once exchanged for a view. */
  const triggers = new Map<string, number>();
  const exchanged = new Set<string>();
  const views = new Map<string, unknown>();
  let triggerCounter = 0;
  const waiters = new Set<() => void>();
  const oauthCodes = new Map<string, string>();
  const sockets = new Set<WebSocket>();
  const channels = new Map<string, StandInChannel>();
  let botScopes: readonly string[] = MANIFEST_BOT_SCOPES;
  let tsCounter = 0;
  let envelopeCounter = 0;
  let base = "";

  const notify = () => {
    for (const w of [...waiters]) w();
  };

  function record(call: SlackCall): void {
    calls.push(call);
    notify();
  }

  function answer(method: string, body: Record<string, unknown>, token: string | null): unknown {
    const queued = failures.get(method);
    const failure = queued?.shift();
    if (failure) return { ok: false, error: failure };
    if (method === "api.test") return { ok: true };
    if (method === "oauth.v2.access") return oauthAccess(body);
    if (method === "apps.connections.open") {
      if (!token?.startsWith("xapp-")) return { ok: false, error: "not_allowed_token_type" };
      return { ok: true, url: `${base.replace(/^http/, "ws")}socket?ticket=stand-in` };
    }
    if (!token?.startsWith("xoxb-")) return { ok: false, error: "not_authed" };
    tsCounter += 1;
    const ts = `1700000000.${String(tsCounter).padStart(6, "0")}`;
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://stand-in.slack.com/",
          team: "Stand-in",
          user: "form4",
          team_id: teamOfToken(token),
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
        };
      case "chat.postMessage":
        return (
          postRefusal(String(body.channel ?? "")) ?? {
            ok: true,
            channel: body.channel,
            ts,
            message: { ...body, ts },
          }
        );
      case "conversations.info":
        return conversationInfo(String(body.channel ?? ""));
      case "chat.postEphemeral":
        return postRefusal(String(body.channel ?? "")) ?? { ok: true, message_ts: ts };
      case "chat.unfurl":
        return { ok: true };
      case "views.publish":
        return { ok: true, view: { id: `V${tsCounter}`, ...(body.view as object) } };
      case "files.getUploadURLExternal":
        return uploadUrl(body);
      case "files.completeUploadExternal":
        return completeUploads(body);
      case "users.conversations":
        return userConversations(body);
      case "views.open":
        return viewsOpen(body, ts);
      case "views.update":
        return viewsUpdate(body);
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  /** Slack's modal limits, as views.open and views.update check them. */
  function modalProblem(view: unknown): string | null {
    const v = view as { type?: unknown; title?: { text?: unknown }; blocks?: unknown } | undefined;
    if (v?.type !== "modal") return "invalid_arguments";
    const title = v.title?.text;
    if (typeof title !== "string" || title.length === 0 || title.length > 24) {
      return "invalid_arguments";
    }
    if (!Array.isArray(v.blocks) || v.blocks.length > 100) return "invalid_arguments";
    return null;
  }

  function viewsOpen(body: Record<string, unknown>, ts: string): unknown {
    const trigger = String(body.trigger_id ?? "");
    if (exchanged.has(trigger)) return { ok: false, error: "exchanged_trigger_id" };
    const issued = triggers.get(trigger);
    if (issued === undefined) return { ok: false, error: "invalid_trigger_id" };
    if (Date.now() - issued > 3000) return { ok: false, error: "expired_trigger_id" };
    const problem = modalProblem(body.view);
    if (problem) return { ok: false, error: problem };
    triggers.delete(trigger);
    exchanged.add(trigger);
    const id = `V${ts.replace(".", "")}`;
    views.set(id, body.view);
    return { ok: true, view: { id, ...(body.view as object) } };
  }

  function viewsUpdate(body: Record<string, unknown>): unknown {
    const id = String(body.view_id ?? "");
    if (!views.has(id)) return { ok: false, error: "not_found" };
    const problem = modalProblem(body.view);
    if (problem) return { ok: false, error: problem };
    views.set(id, body.view);
    return { ok: true, view: { id, ...(body.view as object) } };
  }

  function uploadUrl(body: Record<string, unknown>): unknown {
    const length = Number(body.length);
    if (typeof body.filename !== "string" || body.filename === "") {
      return { ok: false, error: "invalid_arguments" };
    }
    if (!Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
    const fileId = `F0STANDIN${String(uploads.length + 1).padStart(3, "0")}`;
    uploads.push({
      fileId,
      filename: body.filename,
      declaredLength: length,
      altText: typeof body.alt_text === "string" ? body.alt_text : null,
      bytes: null,
      completed: false,
      title: null,
      channelId: null,
    });
    return { ok: true, upload_url: `${base}upload/${fileId}`, file_id: fileId };
  }

  function completeUploads(body: Record<string, unknown>): unknown {
    const files = Array.isArray(body.files)
      ? (body.files as { id?: unknown; title?: unknown }[])
      : [];
    if (files.length === 0) return { ok: false, error: "invalid_arguments" };
    const done: SlackUpload[] = [];
    for (const f of files) {
      const upload = uploads.find((u) => u.fileId === f.id);
      if (!upload) return { ok: false, error: "file_not_found" };
      if (!upload.bytes || upload.bytes.length !== upload.declaredLength) {
        return { ok: false, error: "upload_incomplete" };
      }
      done.push(upload);
    }
    for (const [i, upload] of done.entries()) {
      const title = files[i]?.title;
      upload.completed = true;
      upload.title = typeof title === "string" ? title : upload.filename;
      upload.channelId = typeof body.channel_id === "string" ? body.channel_id : null;
    }
    return {
      ok: true,
      files: done.map((u) => ({
        id: u.fileId,
        name: u.filename,
        title: u.title,
        mimetype: u.filename.endsWith(".png") ? "image/png" : "application/octet-stream",
        size: u.declaredLength,
        url_private: `${base}files/${u.fileId}/${encodeURIComponent(u.filename)}`,
      })),
    };
  }

  /** The bytes posted to an upload URL: multipart form data, the file in one field. */
  async function receiveUpload(fileId: string, raw: Buffer, contentType: string | undefined) {
    const upload = uploads.find((u) => u.fileId === fileId);
    if (!upload) return false;
    let bytes: Buffer = raw;
    if (contentType?.startsWith("multipart/form-data")) {
      const form = await new Request("http://stand-in/", {
        method: "POST",
        headers: { "content-type": contentType },
        body: raw,
      }).formData();
      // FormData's own File type (undici's), not node:buffer's global one.
      const file = [...form.values()].find((v) => typeof v !== "string");
      if (!file || typeof file === "string") return false;
      bytes = Buffer.from(await file.arrayBuffer());
    }
    upload.bytes = bytes;
    return true;
  }

  /** Slack's answer to the app exchanging an install's code (client id and secret in the body). */
  function oauthAccess(body: Record<string, unknown>): unknown {
    if (!body.client_id || !body.client_secret) return { ok: false, error: "invalid_client_id" };
    const team = oauthCodes.get(String(body.code ?? ""));
    if (!team) return { ok: false, error: "invalid_code" };
    oauthCodes.delete(String(body.code));
    return {
      ok: true,
      app_id: APP_ID,
      authed_user: { id: "U0INSTALLER" },
      scope:
        "commands,chat:write,chat:write.public,links:read,links:write,files:write,channels:read,groups:read",
      token_type: "bot",
      access_token: botTokenOf(team),
      bot_user_id: BOT_USER_ID,
      team: { id: team, name: `Workspace ${team}` },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** One page of a user's channels; the cursor is the offset of the next page, as Slack's is opaque. */
  function userConversations(body: Record<string, unknown>): unknown {
    // Slack lists a private channel only when the bot is in it too.
    const all = (userChannels.get(String(body.user ?? "")) ?? []).filter(visibleToBot);
    const limit = Math.max(1, Number(body.limit ?? 100) || 100);
    const cursor = typeof body.cursor === "string" && body.cursor !== "" ? body.cursor : null;
    const start = cursor === null ? 0 : Number(Buffer.from(cursor, "base64").toString("utf8"));
    if (!Number.isInteger(start) || start < 0) return { ok: false, error: "invalid_cursor" };
    const end = start + limit;
    return {
      ok: true,
      channels: all.slice(start, end).map((id) => {
        const declared = channels.get(id);
        const isPrivate = declared ? declared.private === true : id.startsWith("G");
        return {
          id,
          name: declared?.name ?? id.toLowerCase(),
          is_channel: !isPrivate,
          is_group: isPrivate,
          is_private: isPrivate,
          is_archived: declared?.archived === true,
        };
      }),
      response_metadata: {
        next_cursor: end < all.length ? Buffer.from(String(end)).toString("base64") : "",
      },
    };
  }

  // ---- Channels the bot can or cannot post in ------------------------------------------------

  function visibleToBot(id: string): boolean {
    const c = channels.get(id);
    return c?.private !== true || c.botMember !== false;
  }

  /** Slack's refusal of a chat.postMessage into `id`, or null when it takes the message. */
  function postRefusal(id: string): { ok: false; error: string } | null {
    const c = channels.get(id);
    if (!c) return null;
    if (!visibleToBot(id)) return { ok: false, error: "channel_not_found" };
    if (c.archived) return { ok: false, error: "is_archived" };
    if (c.botMember === false && !botScopes.includes("chat:write.public")) {
      return { ok: false, error: "not_in_channel" };
    }
    return null;
  }

  /** conversations.info as a bot with channels:read and groups:read sees the channel. */
  function conversationInfo(id: string): unknown {
    if (id === "") return { ok: false, error: "invalid_arguments" };
    if (!visibleToBot(id)) return { ok: false, error: "channel_not_found" };
    const c = channels.get(id) ?? {};
    const isPrivate = c.private === true;
    return {
      ok: true,
      channel: {
        id,
        name: c.name ?? id.toLowerCase(),
        is_channel: !isPrivate,
        is_group: isPrivate,
        is_im: false,
        is_mpim: false,
        is_private: isPrivate,
        is_archived: c.archived === true,
        is_general: false,
        is_member: c.botMember !== false,
        created: 1700000000,
      },
    };
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const bytes = await readBody(req);
      const uploadMatch = /^\/upload\/([^/]+)$/.exec(url.pathname);
      if (req.method === "POST" && uploadMatch?.[1]) {
        const ok = await receiveUpload(uploadMatch[1], bytes, req.headers["content-type"]);
        record({
          method: "upload",
          body: { fileId: uploadMatch[1], bytes: bytes.length },
          token: null,
        });
        res.writeHead(ok ? 200 : 404, { "content-type": "text/plain" });
        res.end(ok ? `OK - ${bytes.length}` : "Not Found");
        return;
      }
      const raw = bytes.toString("utf8");
      const body = parseBody(raw, req.headers["content-type"]);
      const responseMatch = /^\/response\/([^/]+)$/.exec(url.pathname);
      if (req.method === "POST" && responseMatch?.[1]) {
        const responseId = decodeURIComponent(responseMatch[1]);
        const refused = responseUrls.use(responseId);
        record({
          method: "response_url",
          body,
          token: null,
          responseId,
          at: performance.timeOrigin + performance.now(),
          ...(refused ? { refused } : {}),
        });
        // Slack answers a spent or expired response_url with a 404 and the reason as the body.
        res.writeHead(refused ? 404 : 200, { "content-type": "text/plain" });
        res.end(refused ?? "ok");
        return;
      }
      const apiMatch = /^\/api\/([\w.]+)$/.exec(url.pathname);
      if (req.method === "POST" && apiMatch?.[1]) {
        const method = apiMatch[1];
        const auth = req.headers.authorization;
        const token = auth?.startsWith("Bearer ")
          ? auth.slice(7)
          : typeof body.token === "string"
            ? body.token
            : null;
        const delay = latency.get(method) ?? 0;
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        const retryAfter = rateLimiter.check(method, body);
        if (retryAfter !== null) {
          res.writeHead(429, {
            "content-type": "application/json; charset=utf-8",
            "retry-after": String(retryAfter),
          });
          res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
          record({
            method,
            body,
            token,
            at: performance.timeOrigin + performance.now(),
            refused: "ratelimited",
            retryAfter,
          });
          return;
        }
        const reply = answer(method, body, token);
        // As Slack does: the token's scopes on every answer (the Web API client reads them).
        send(
          res,
          200,
          reply,
          token?.startsWith("xoxb-") ? { "x-oauth-scopes": botScopes.join(",") } : {},
        );
        record({ method, body, token, at: performance.timeOrigin + performance.now() });
        return;
      }
      send(res, 404, { ok: false, error: "not_found" });
    } catch (err) {
      send(res, 500, { ok: false, error: String(err) });
    }
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      ws.on("message", (data) => {
        const message = JSON.parse(String(data)) as SocketAck;
        acks.push({ envelope_id: message.envelope_id, payload: message.payload ?? {} });
        notify();
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: sockets.size,
          debug_info: { host: "stand-in" },
          connection_info: { app_id: "A0STANDIN" },
        }),
      );
      notify();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const first = check();
      if (first !== undefined) {
        resolve(first);
        return;
      }
      const waiter = () => {
        const found = check();
        if (found !== undefined) {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`Slack stand-in: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  return {
    url: `${base}api/`,
    calls,
    acks,
    uploads,
    responseUrl(id, options) {
      responseUrls.issue(id, options);
      return `${base}response/${encodeURIComponent(id)}`;
    },
    rateLimit(method, limit) {
      rateLimiter.set(method, limit);
    },
    rateLimitNext(method, retryAfterS) {
      rateLimiter.once(method, retryAfterS);
    },
    slackRateLimits() {
      for (const [method, limit] of Object.entries(SLACK_RATE_LIMITS))
        rateLimiter.set(method, limit);
    },
    get earlyRetries() {
      return rateLimiter.early;
    },
    waitFor: (predicate, timeoutMs = 10_000) =>
      waitUntil(() => calls.find(predicate), timeoutMs, "a matching call"),
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    setLatency(method, ms) {
      latency.set(method, ms);
    },
    setUserChannels(user, channels) {
      userChannels.set(user, [...channels]);
    },
    trigger() {
      triggerCounter += 1;
      const id = `${triggerCounter}.1700000000.${"0".repeat(8)}${triggerCounter}`;
      triggers.set(id, Date.now());
      return id;
    },
    setChannel(id, channel) {
      channels.set(id, { ...channel });
    },
    setBotScopes(scopes) {
      botScopes = [...scopes];
    },
    socketConnected: (timeoutMs = 10_000) =>
      waitUntil(
        () => (sockets.size > 0 ? true : undefined),
        timeoutMs,
        "a Socket Mode connection",
      ).then(() => undefined),
    pushEnvelope(type, payload, options = {}) {
      envelopeCounter += 1;
      const envelopeId = `env-${envelopeCounter}`;
      const envelope: Record<string, unknown> = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
      };
      if (type === "events_api") {
        envelope.retry_attempt = options.retryAttempt ?? 0;
        envelope.retry_reason = options.retryAttempt ? "timeout" : "";
      }
      const text = JSON.stringify(envelope);
      if (sockets.size === 0)
        throw new Error("Slack stand-in: no Socket Mode connection to push to");
      for (const ws of sockets) ws.send(text);
      return envelopeId;
    },
    oauthCode(team) {
      const code = `code-${team}-${oauthCodes.size + 1}`;
      oauthCodes.set(code, team);
      return code;
    },
    waitForAck: (envelopeId, timeoutMs = 10_000) =>
      waitUntil(
        () => acks.find((a) => a.envelope_id === envelopeId),
        timeoutMs,
        `the ack of ${envelopeId}`,
      ),
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---- HTTP mode helpers -------------------------------------------------------------------------

/** Slack's request signature: "v0=" + hex HMAC-SHA256 of `v0:${timestamp}:${body}`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Headers Slack sends with a request to /slack/events. `timestamp` in seconds (default now). */
export function signedHeaders(
  secret: string,
  body: string,
  options: { timestamp?: number; contentType?: string; retryNum?: number } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return headers;
}

/** A `/form4` slash command as Slack posts it (form encoded). */
export function slashCommandBody(
  fields: { text: string; response_url: string } & Record<string, string>,
): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: TEAM_ID,
    team_domain: "stand-in",
    channel_id: "C0CHANNEL",
    channel_name: "insiders",
    user_id: "U0ANALYST",
    user_name: "analyst",
    command: "/form4",
    api_app_id: "A0STANDIN",
    trigger_id: "1.2.3",
    ...fields,
  }).toString();
}

/** An Events API `event_callback` body around `event`. */
export function eventBody(
  event: Record<string, unknown>,
  options: { eventId?: string; teamId?: string } = {},
): string {
  const team = options.teamId ?? TEAM_ID;
  return JSON.stringify({
    token: "verification-token-unused",
    team_id: team,
    api_app_id: "A0STANDIN",
    event,
    type: "event_callback",
    event_id: options.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: team, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
  });
}
