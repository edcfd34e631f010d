/** What a click on a review DM's buttons tells the person, when the DM itself does not show it (null). */
import type { DmRateOutcome, DmRevealOutcome } from '../../model/review-dms';
import type { SlackMessage } from '../blocks';
import { notice } from '../notice';

const EXPIRED = notice('This review is too old for its buttons to work. `/devops-quiz review` lists your cards and what is due.');
const GONE = notice('This question is no longer in the bank, so there is nothing to reveal or rate.');

export const REVIEW_BUTTON_UNKNOWN = notice('That button does not belong to a review I know, so nothing changed.');

export function dmRevealNotice(o: DmRevealOutcome): SlackMessage | null {
  switch (o.status) {
    case 'revealed':
      return null;
    case 'already':
      return notice(o.answerTs ? '👇 The answer is already in the thread.' : '👇 The answer is being posted in the thread right now.');
    case 'unconfirmed':
      return notice('Slack did not confirm the answer. If it is not in the thread in a few seconds, click *Reveal answer* again.');
    case 'expired':
      return EXPIRED;
    case 'gone':
      return GONE;
  }
}

export function dmRateNotice(o: DmRateOutcome): SlackMessage | null {
  switch (o.status) {
    case 'rated':
    case 'cleared':
      return null;
    case 'no-card':
      return notice('That card is gone (your cards were reset, or it was cleared meanwhile), so nothing was rated. `/devops-quiz review` lists your cards.');
    case 'expired':
      return EXPIRED;
    case 'gone':
      return GONE;
  }
}
