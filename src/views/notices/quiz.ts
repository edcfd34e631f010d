/** What the question-of-the-day features tell the person who acted, privately. */
import type { RecordResult } from '../../model/boards';
import { selfLevel, type LevelScore } from '../../model/levels';
import type { RevealOutcome, ScheduleChange } from '../../model/posts';
import type { ForgetOutcome } from '../../model/people';
import { mention, type SlackMessage } from '../blocks';
import { notice } from '../notice';
import { commandProblemMessage } from './command';
import { scheduleMessage } from '../schedule';
import { pointsText as points } from '../points';

export const LEVEL_BUTTON_UNKNOWN = notice('That button does not belong to a question I know, so nothing was recorded.');

/** The answer to a click on "How well did you know this?". */
export function levelRecordedNotice(result: RecordResult, score: LevelScore): SlackMessage {
  const level = selfLevel(score);
  const previous = result.previous !== null ? selfLevel(result.previous) : null;
  switch (result.status) {
    case 'new':
      return notice(`${level.emoji} Recorded: *${level.label}* (${points(score)}). Thanks for being honest; you can change it any time.`);
    case 'changed':
      if (previous && result.earlier) {
        return notice(
          `${level.emoji} You answered ${previous.emoji} *${previous.label}* last time this question was here; now *${level.label}* (${points(score)}). A question scores once, so this replaces your earlier answer.`,
        );
      }
      return notice(previous ? `${level.emoji} Changed from ${previous.label} to *${level.label}* (${points(score)}).` : '');
    case 'same':
      if (result.earlier) return notice(`${level.emoji} You answered *${level.label}* last time this question was here too, so your points stay as they were.`);
      return notice(`${level.emoji} You already answered *${level.label}* for this question.`);
    case 'stale':
      return notice(`Your answer to this question is already *${(previous ?? level).label}*: that click came after a newer one, so nothing changed.`);
    case 'mismatch':
      return notice('That button does not belong to this question, so nothing was recorded.');
    case 'missing':
      return notice('This question is no longer in my records, so nothing was recorded.');
  }
}

/** The answer to a click on Reveal answer, when the thread itself does not show it (null). */
export function revealNotice(outcome: RevealOutcome): SlackMessage | null {
  if (outcome.status === 'missing') return notice('This question is no longer in my records, so I cannot reveal it. Ask for a new one with `/devops-quiz`.');
  if (outcome.status === 'unrecorded') {
    return notice("🧵 The answer is in this question's thread, but I could not note that just now, so votes on it may not count yet. Click *Reveal answer* again in a minute and I will set it right.");
  }
  if (outcome.status === 'unconfirmed') {
    return notice('⏳ Slack did not confirm that the answer was posted. If it is not in the thread in a minute, click *Reveal answer* again: it will not be posted twice.');
  }
  if (outcome.status !== 'already') return null;
  const who = outcome.revealedBy && outcome.revealedBy !== 'auto' ? ` (${mention(outcome.revealedBy)} revealed it)` : '';
  return notice(
    outcome.answerTs
      ? `🧵 The answer is already in this question's thread${who}: open the replies below the question.`
      : `⏳ The answer is being posted in the thread right now${who}.`,
  );
}

export const NO_QUESTION_FOR_FILTER = notice('No question has that level and topic together. Try fewer filters, like `/devops-quiz kubernetes`.');

/** The answer to `forget me` / `forget @person`. */
export function forgetNotice(outcome: ForgetOutcome): SlackMessage {
  if (outcome.status === 'forbidden') return notice('🔒 Only workspace admins and the quiz admins can have someone else forgotten. `/devops-quiz forget me` removes your own answers.');
  const where = outcome.channels === 1 ? '1 channel' : `${outcome.channels} channels`;
  const whose = outcome.self ? 'your' : `${mention(outcome.user)}'s`;
  return notice(
    `🧹 Forgotten: ${whose} answers, points and streaks (${where}), mock-interview history and review cards. Leaderboards no longer show ${outcome.self ? 'you' : 'them'}; a new answer starts afresh.`,
  );
}

/** A question asked for with the command is held back by Slack's rate limit: it is on its way. */
export function askDelayedNotice(seconds: number): SlackMessage {
  const n = Math.max(1, Math.ceil(seconds));
  return notice(`⏳ Slack asked me to slow down; your question will appear in about ${n} s.`);
}

/** Whether the change is told to the whole channel (set, changed, turned off) rather than to the caller alone. */
export function isScheduleAnnouncement(change: ScheduleChange): boolean {
  return change.status === 'set' || (change.status === 'off' && change.removed);
}

/** The schedule change as shown: the announcement (for the channel) or why it was refused. */
export function scheduleChangeMessage(change: ScheduleChange): SlackMessage {
  switch (change.status) {
    case 'set': {
      const warning = change.dstWarning
        ? 'Times between 01:00 and 03:59 can be skipped or shifted on daylight-saving days in some zones; the bot still posts once that day.'
        : undefined;
      return scheduleMessage(change.settings, change.next, { changedBy: change.by, previous: change.previous, warning, recap: change.recap });
    }
    case 'off':
      return change.removed
        ? notice(`⏹️ ${mention(change.by)} turned off the question of the day in this channel. Leaderboards stay; an admin can set it again with \`/devops-quiz schedule 09:30 Europe/Berlin weekdays\`.`)
        : notice('No question of the day is scheduled in this channel, so there was nothing to turn off.');
    case 'forbidden':
      return notice(
        change.action === 'off'
          ? "🔒 Only workspace admins and the quiz admins can turn off this channel's question of the day."
          : "🔒 Only workspace admins and the quiz admins can change this channel's schedule. Ask one of them, or see it with `/devops-quiz schedule`.",
      );
    case 'bad-zone':
      return commandProblemMessage({ code: 'unknown-zone', word: change.tz, zones: ['Europe/Berlin', 'America/New_York', 'UTC'], retry: null }, []);
    case 'unknown-topics':
      return commandProblemMessage({ code: 'not-understood', usage: 'schedule', words: [], topics: change.unknown }, change.topics);
    case 'no-questions':
      return notice('No question has that level and topic together. Try fewer filters.');
  }
}
