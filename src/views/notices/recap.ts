/** What `schedule recap on|off` says: an announcement to the channel when it changed, else a private note. */
import type { RecapChange } from '../../model/recaps';
import { mention, type SlackMessage } from '../blocks';
import { notice } from '../notice';
import { formatNext } from '../schedule';

/** Turning the recap on or off is told to everyone in the channel, as schedule changes are. */
export function isRecapAnnouncement(change: RecapChange): boolean {
  return change.status === 'set' && change.changed;
}

export function recapChangeMessage(change: RecapChange): SlackMessage {
  if (change.status === 'forbidden') return notice("🔒 Only workspace admins and the quiz admins can turn this channel's weekly recap on or off.");
  if (!change.on) {
    return change.changed
      ? notice(`🔕 ${mention(change.by)} turned off the weekly recap in this channel. \`/devops-quiz schedule recap on\` brings it back.`)
      : notice('The weekly recap is already off in this channel. `/devops-quiz schedule recap on` brings it back.');
  }
  const when = change.scheduled && change.tz
    ? `The next one: ${formatNext(change.next, change.tz)}.`
    : 'It comes once the channel has a question of the day: `/devops-quiz schedule 09:30 Europe/Berlin weekdays`.';
  return change.changed
    ? notice(`📰 ${mention(change.by)} turned on the weekly recap: the week's questions, the hardest one, streaks and cleared review cards, at the schedule's time on its first day of the week. ${when}`)
    : notice(`The weekly recap is already on in this channel. ${when}`);
}
