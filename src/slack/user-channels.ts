// The channels a person is in, for their Home tab (users.conversations, which needs the
// channels:read and groups:read scopes). Private channels are listed only where the bot is a
// member too, which are the only private channels a digest can post to anyway.
import type { webApi } from "@slack/bolt";

export interface UsersClient {
  users: {
    conversations(
      args: webApi.UsersConversationsArguments,
    ): Promise<webApi.UsersConversationsResponse>;
  };
}

/** Slack recommends pages of at most 200. */
const PAGE_SIZE = 200;
/** A bound on the calls one Home tab makes: 2,000 channels is more than anyone reads there. */
const MAX_PAGES = 10;

/** Ids of the public and private channels `user` is in, in Slack's order. */
export async function userChannels(client: UsersClient, user: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.users.conversations({
      user,
      types: "public_channel,private_channel",
      exclude_archived: true,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const channel of answer.channels ?? []) {
      if (channel.id) ids.push(channel.id);
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return ids;
}
