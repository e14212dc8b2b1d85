// The bot scopes the app asks for, in one place: the OAuth install asks for these, and
// manifest.yml lists the same (test/slack/manifest.test.ts checks they agree).
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "links:read",
  "links:write",
  // users.conversations, for the Home tab's list of the user's channels' watchlists:
  "channels:read",
  "groups:read",
] as const;
