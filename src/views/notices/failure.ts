/** What a person is told when their request failed after it was acknowledged. */
import { notice } from '../notice';
import type { SlackMessage } from '../blocks';

export type FailureKind = 'not-in-channel' | 'archived' | 'store-unavailable' | 'other';

export function failureNotice(kind: FailureKind): SlackMessage {
  switch (kind) {
    case 'not-in-channel':
      return notice('👋 I am not in this channel yet. Invite me with `/invite @DevOps Quiz`, then try again.');
    case 'archived':
      return notice('This channel is archived, so I cannot post here.');
    case 'store-unavailable':
      return notice('⏳ I could not reach my database just now, so nothing was changed. Please try again in a moment.');
    case 'other':
      return notice('😕 Something went wrong on my side and nothing was changed. Please try again in a moment.');
  }
}

/** A request whose team, channel or user id is not of Slack's shape: taken, and nothing done with it. */
export const MALFORMED_REQUEST: SlackMessage = notice('😕 Slack sent me a request I could not read, so nothing was changed. Please try again.');
