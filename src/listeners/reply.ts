import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../logger';
import type { SlackMessage } from '../views/blocks';
import { notice } from '../views/notice';
import { slackErrorCode } from '../slack/port';

/** Shows a message only to the person who typed the command or clicked the button. */
export async function replyEphemeral(respond: RespondFn, message: SlackMessage, logger: Logger): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
  } catch (error) {
    // The response_url expired or was used up (5 uses, 30 minutes): nothing more we can show.
    logger.warn({ err: (error as Error).message }, 'could not send an ephemeral reply');
  }
}

/** What to tell a person when their request failed after it was acknowledged. */
export function failureNotice(error: unknown): SlackMessage {
  const code = slackErrorCode(error);
  if (code === 'not_in_channel' || code === 'channel_not_found') {
    return notice('👋 I am not in this channel yet. Invite me with `/invite @DevOps Quiz`, then try again.');
  }
  if (code === 'is_archived') return notice('This channel is archived, so I cannot post here.');
  if (isRedisUnavailable(error)) {
    return notice('⏳ I could not reach my database just now, so nothing was changed. Please try again in a moment.');
  }
  return notice('😕 Something went wrong on my side and nothing was changed. Please try again in a moment.');
}

function isRedisUnavailable(error: unknown): boolean {
  const message = (error as Error | null)?.message ?? '';
  return /Stream isn't writeable|enableOfflineQueue|Connection is closed|ECONNREFUSED|max retries per request|MaxRetriesPerRequest/i.test(message);
}

/** Runs a listener's work after its ack; any failure becomes a friendly ephemeral answer. */
export async function withFailureReply(respond: RespondFn, logger: Logger, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error), code: slackErrorCode(error) }, 'listener failed');
    await replyEphemeral(respond, failureNotice(error), logger);
  }
}
