/** What personal review tells the person who typed a `review` command or answered the offer, privately. */
import type { ReviewOutcome, ReviewSub } from '../../model/reviews';
import { REVIEW_DEFAULTS } from '../../model/reviews';
import type { SlackMessage } from '../blocks';
import { quoteInput } from '../blocks';
import { notice } from '../notice';
import { dateLabel, dayLabel, deliveryLabel, reviewOverviewMessage } from '../review';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const lengthLabel = (days: number) => (days % 7 === 0 ? plural(days / 7, 'week') : plural(days, 'day'));

/** The reply to a `review` command, or to the offer's buttons. `now`: when it is shown (ms). */
export function reviewOutcomeMessage(o: ReviewOutcome, now: number): SlackMessage {
  switch (o.kind) {
    case 'overview':
      return reviewOverviewMessage(o.overview, now);
    case 'on':
      return notice(
        `✅ Reviews by DM are ${o.first ? 'on' : 'on again'}: ${deliveryLabel(o.settings)}. Change it with \`/devops-quiz review time 9:00\` or \`review max 3\`; \`review off\` stops them.`,
      );
    case 'off':
      return notice('🔕 Reviews by DM are off. Your cards stay; `/devops-quiz review on` starts them again.');
    case 'declined':
      return notice('👍 No problem: nothing by DM. Your cards are under `/devops-quiz review`; type `/devops-quiz review on` if you change your mind.');
    case 'paused':
      return notice(
        `🏖️ Paused for ${lengthLabel(o.days)}, until ${dayLabel(o.settings.pausedUntil ?? now, o.settings.tz)}: ${plural(o.moved, 'card')} moved by as long. \`/devops-quiz review resume\` ends it early.`,
      );
    case 'resumed':
      return notice(o.wasPaused ? `👋 Welcome back: the hold is over, and ${plural(o.moved, 'card')} moved back.` : 'Nothing was paused, so nothing changed. `/devops-quiz review pause 2w` holds reviews for two weeks.');
    case 'time':
      return notice(`⏰ Reviews come ${deliveryLabel(o.settings)}.${offHint(o)}`);
    case 'max':
      return notice(
        o.settings.max === 0
          ? `No reviews by DM on ordinary days now (0 a day); interview mode still sends up to ${REVIEW_DEFAULTS.interviewMax}.${offHint(o)}`
          : `👌 At most ${o.settings.max} a day.${offHint(o)}`,
      );
    case 'interview':
      return notice(
        `🎯 Interview mode until ${dateLabel(o.settings.interviewUntil ?? '')}: reviews come more often, up to ${REVIEW_DEFAULTS.interviewMax} a day${o.moved ? `, and ${plural(o.moved, 'card')} came forward` : ''}. Good luck! \`/devops-quiz review interview off\` ends it.${offHint(o)}`,
      );
    case 'interview-off':
      return notice(o.wasOn ? 'Interview mode is off: reviews are back to your usual pace.' : 'Interview mode was not on, so nothing changed.');
    case 'interview-date':
      return notice(
        o.problem === 'past'
          ? `${quoteInput(o.date, 20)} is not after today. Give the date of your interview, like \`/devops-quiz review interview ${exampleDate(now)}\`.`
          : `Interview mode lasts at most a year: pick a date within the next 12 months, like \`/devops-quiz review interview ${exampleDate(now)}\`.`,
      );
    case 'reset':
      return notice(o.removed ? `🗑️ Deleted your ${plural(o.removed, 'review card')}.` : 'You had no review cards, so there was nothing to delete.');
  }
}

/** Settings saved while reviews by DM are not on: say how to start them. */
function offHint(o: { settings: { consent: string; on: boolean } }): string {
  return o.settings.consent === 'yes' && o.settings.on ? '' : ' Reviews by DM are off: `/devops-quiz review on` starts them.';
}

/** A date three weeks from now, for examples. */
function exampleDate(now: number): string {
  return new Date(now + 21 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

const REVIEW_COMMANDS = '`review`, `review on`, `review off`, `review pause 2w`, `review time 10:00`, `review max 2`, `review interview 2026-12-20` or `review reset`';

const EXAMPLES: Record<Exclude<ReviewSub, null>, string> = {
  pause: '/devops-quiz review pause 2w',
  time: '/devops-quiz review time 10:00',
  max: '/devops-quiz review max 2',
  interview: '/devops-quiz review interview 2026-12-20',
};

/** The example shown under a `review …` problem: the sub-command done right. */
export function reviewExample(sub: ReviewSub): string {
  return sub ? EXAMPLES[sub] : '/devops-quiz review';
}

/** A `review …` command that could not be read, as one line that says what to type (what was typed is quoted inert). */
export function reviewProblemText(sub: ReviewSub, word: string | null): string {
  const not = word === null ? '' : `, not ${quoteInput(word, 30)}`;
  switch (sub) {
    case null:
      return `I did not understand ${word === null ? 'that' : quoteInput(word, 30)} after \`review\`. Try ${REVIEW_COMMANDS}.`;
    case 'pause':
      return `\`pause\` takes a length from 1 day to 12 weeks, like \`review pause 2w\` or \`review pause 10d\`${not}.`;
    case 'time':
      return `\`time\` takes a time like \`10:00\` or \`9:30am\`, and an IANA time zone if you like (\`review time 9:00 Europe/Berlin\`)${not}.`;
    case 'max':
      return `\`max\` takes a number from 0 to ${REVIEW_DEFAULTS.maxLimit}, like \`review max 2\`${not}.`;
    case 'interview':
      return `\`interview\` takes the date of your interview as YYYY-MM-DD, like \`review interview 2026-12-20\` (or \`review interview off\`)${not}.`;
  }
}
