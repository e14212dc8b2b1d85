// The "View on EDGAR" button is a link: Slack opens it; we only acknowledge the click.
import type { AckFn } from "@slack/bolt";

export interface ViewOnEdgarArgs {
  ack: AckFn<void> | AckFn<never>;
}

export function viewOnEdgar() {
  return async ({ ack }: ViewOnEdgarArgs): Promise<void> => {
    await ack();
  };
}
