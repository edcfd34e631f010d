/** What the mock-interview features tell the person who acted, privately. */
import type { InterviewNotice } from '../../model/interviews';
import { escapeMrkdwn } from '../../content/mrkdwn';
import { mention, type SlackMessage } from '../blocks';
import { notice } from '../notice';
import { ratingLabel } from '../interview-message';

const quoted = (topics: readonly string[], max?: number) => topics.map((t) => `\`${escapeMrkdwn(max ? t.slice(0, max) : t)}\``);
const NEW_ONE = 'Start a new one with `/devops-quiz mock @teammate`.';

function text(n: InterviewNotice): string {
  switch (n.kind) {
    case 'not-found':
      return `This mock interview is no longer in my records (finished interviews are kept for a week). ${NEW_ONE}`;
    case 'not-this-message':
      return 'That button does not belong to this interview, so nothing changed.';
    case 'unknown-button':
      return 'That button does not belong to an interview I know, so nothing changed.';
    case 'wrong-question':
      return 'That button does not belong to this question, so nothing changed.';
    case 'still-posting':
      return `⏳ ${n.what === 'summary' ? 'The summary' : 'That question'} is still being posted; try again in a moment.`;
    case 'post-unsure':
      return `⏳ Slack did not confirm the ${n.what === 'summary' ? 'summary' : 'next question'}, so it may or may not be in the thread. Click again in a few seconds: I will find it there or post it.`;
    case 'posted-unrecorded':
      return `⏳ The ${n.what} is in the ${n.what === 'interview' ? 'channel' : 'thread'}, but I could not note it down just now (my database did not answer). Click its buttons again in a moment; if one says the ${n.what} is still being posted, once more.`;
    case 'status':
      switch (n.status) {
        case 'pending':
          return 'This interview has not started yet: click *Start* on it first.';
        case 'running':
          return 'This interview is already under way: the questions are in its thread.';
        case 'ended':
          return 'This interview has ended: the summary is in its thread.';
        case 'cancelled':
          return `This interview was cancelled${n.endedBy ? ` by ${mention(n.endedBy)}` : ''}.`;
        case 'expired':
          return `This interview was closed after 24 hours without activity. ${NEW_ONE}`;
      }
    // eslint-disable-next-line no-fallthrough
    case 'already-started':
      return `This interview has already started: ${mention(n.interviewer)} can end it with *End* on the current question.`;
    case 'only-interviewer': {
      const what = { rate: 'rate', skip: 'skip questions', end: 'end the interview' }[n.action];
      return `Only ${mention(n.interviewer)} can ${what} in this interview.`;
    }
    case 'only-pair': {
      const what = { start: 'start this interview', cancel: 'cancel this interview', swap: 'swap roles in this interview' }[n.action];
      return `Only ${mention(n.interviewer)} and ${mention(n.candidate)} can ${what}.`;
    }
    case 'answer-key-private':
      return `Only ${mention(n.interviewer)} can see the answer key in this interview. ${mention(n.candidate)} gets every answer in the summary at the end.`;
    case 'already-done': {
      const done = n.recorded === null ? 'is already behind us' : n.recorded === 'skip' ? 'was already skipped' : `was already rated ${ratingLabel(n.recorded)}`;
      return `Question ${n.index + 1} ${done}, so nothing changed. ${n.running ? 'The current question is at the bottom of the thread.' : 'The summary is in the thread.'}`;
    }
    case 'no-questions-left':
      return n.action === 'start'
        ? `No question matches this interview’s level and topics any more, so it cannot start. ${NEW_ONE}`
        : `No question matches this interview’s level and topics any more, so I cannot swap. ${NEW_ONE}`;
    case 'already-swapped':
      return n.by ? `Roles were already swapped by ${mention(n.by)}: the new interview is in this channel.` : 'Roles were already swapped: the new interview is in this channel.';
    case 'pair-busy-swap':
      return `${mention(n.interviewer)} and ${mention(n.candidate)} already have another mock interview open: finish it first.`;
    case 'refused':
      switch (n.reason) {
        case 'self':
          return 'You cannot interview yourself. Mention a teammate: `/devops-quiz mock @teammate`.';
        case 'dm':
          return 'Mock interviews run in a channel you both are in, so both of you see the thread. Try the command there.';
        case 'unknown-person':
          return 'I could not find that person in this workspace. Mention a teammate: `/devops-quiz mock @teammate`.';
        case 'bot':
          return `${mention(n.candidate)} is a bot, and bots make poor candidates. Interview a teammate instead.`;
        case 'deleted':
          return `${mention(n.candidate)} has left this workspace. Interview a current teammate instead.`;
        case 'not-member':
          return `${mention(n.candidate)} is not in this channel, so they could not follow the interview. Invite them here first, or run the command in a channel you both are in.`;
      }
    // eslint-disable-next-line no-fallthrough
    case 'unknown-topics':
      return `No questions match ${quoted(n.unknown, 40).join(', ')}. Topics: ${quoted(n.topics).join(' ')}`;
    case 'no-questions':
      return 'No question has that level and those topics together. Try fewer filters, like `/devops-quiz mock @teammate kubernetes`.';
    case 'too-many-open': {
      const who = n.you ? 'You already have' : `${mention(n.interviewer)} already has`;
      return `${who} ${n.limit} mock interviews open as the interviewer, the most at once. Finish or cancel one (✖️ *Cancel* while it is pending, ⏹️ *End* once it runs) before opening another.`;
    }
    case 'open-rate-limited': {
      const who = n.you ? 'You have' : `${mention(n.interviewer)} has`;
      return `${who} opened ${n.limit} mock interviews as the interviewer in the last hour, the most I allow, so nobody gets pinged too often. Try again in ${n.retryMinutes} minute${n.retryMinutes === 1 ? '' : 's'}.`;
    }
    case 'busy': {
      const where = n.otherChannel ? ` in <#${n.otherChannel}>` : '';
      const what = n.otherPending ? 'start or cancel it' : 'finish it (or let it close)';
      return `You and ${mention(n.candidate)} already have a mock interview open${where}: ${what} before starting another.`;
    }
  }
}

export function interviewNotice(n: InterviewNotice): SlackMessage {
  return notice(text(n));
}
