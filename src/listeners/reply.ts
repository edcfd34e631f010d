import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../logger';
import type { SlackMessage } from '../views/blocks';
import { sendEphemeral } from '../slack/respond';
import { failureNotice, type FailureKind } from '../views/notices/failure';
import { channelProblem, slackErrorLabel } from '../slack/errors';

/** Shows a message only to the person who typed the command or clicked the button. */
export async function replyEphemeral(respond: RespondFn, message: SlackMessage, logger: Logger): Promise<void> {
  try {
    await sendEphemeral(respond, message);
  } catch (error) {
    // The response_url expired or was used up (5 uses, 30 minutes): nothing more we can show.
    logger.warn({ err: (error as Error).message }, 'could not send an ephemeral reply');
  }
}

/** Which failure notice fits: from Slack's error code, or the store's own verdict on a Redis failure. */
function failureKind(error: unknown, storeUnavailable: (error: unknown) => boolean): FailureKind {
  return channelProblem(error) ?? (storeUnavailable(error) ? 'store-unavailable' : 'other');
}

/** Runs a listener's work after its ack; any failure becomes a friendly ephemeral answer. */
export async function withFailureReply(
  respond: RespondFn,
  deps: { logger: Logger; storeUnavailable: (error: unknown) => boolean },
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.logger.error({ err: error instanceof Error ? error.message : String(error), code: slackErrorLabel(error) }, 'listener failed');
    await replyEphemeral(respond, failureNotice(failureKind(error, deps.storeUnavailable)), deps.logger);
  }
}
