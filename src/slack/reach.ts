// Before Bolt starts (whose Web API client retries for a minute, logging each failure): one request
// to Slack, so an unreachable Slack or a rejected token is one line naming the URL it tried.

/** Start-up failed in a way a person can fix (a rejected token, an unreachable Slack). */
export class SlackStartError extends Error {
  override readonly name = "SlackStartError";
}

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";
const PROBE_TIMEOUT_MS = 10_000;

/** "connect ECONNREFUSED 127.0.0.1:9" rather than undici's bare "fetch failed". */
function networkReason(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  if (err instanceof Error && err.name === "TimeoutError")
    return `no answer in ${PROBE_TIMEOUT_MS / 1000} s`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * With a bot token: auth.test (throws when Slack rejects the token), giving the token's workspace.
 * Without (OAuth mode, where every workspace brings its own): api.test, which only proves Slack
 * answers.
 */
export async function checkSlack(
  apiUrl: string | null,
  botToken: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<{ team: string | null }> {
  const url = new URL(botToken ? "auth.test" : "api.test", apiUrl ?? DEFAULT_SLACK_API_URL);
  let body: { ok?: boolean; error?: string; team_id?: string };
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      headers: botToken ? { authorization: `Bearer ${botToken}` } : {},
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    body = (await response.json()) as typeof body;
  } catch (err) {
    throw new SlackStartError(
      `Could not reach Slack at ${url.href}: ${networkReason(err)}. Check the network (or proxy) of this machine${apiUrl ? ", or SLACK_API_URL" : ""}.`,
      { cause: err },
    );
  }
  if (body.ok !== true && botToken) {
    throw new SlackStartError(
      `Slack rejected SLACK_BOT_TOKEN (${body.error ?? "no reason given"}); copy the Bot User OAuth Token again (see README.md, "Configuration").`,
    );
  }
  return { team: botToken && typeof body.team_id === "string" ? body.team_id : null };
}
