import type { BoardRow, PersonalStats } from '../model/boards';
import { SELF_LEVELS } from '../model/levels';
import { context, mention, section, type SlackMessage } from './blocks';
import { pointsText } from './points';

function line(label: string, row: BoardRow | null): string {
  if (!row) return `*${label}:* no answers yet`;
  const mix = SELF_LEVELS.map((l) => `${l.emoji} ${row.mix[l.score]}`).join('  ');
  return `*${label}:* ${pointsText(row.points)}, rank ${row.rank}, ${row.answers} answered  (${mix})`;
}

export function statsMessage(stats: PersonalStats, self: boolean): SlackMessage {
  const who = self ? 'Your' : `${mention(stats.user)}'s`;
  const streak = stats.allTime?.streak ?? 0;
  const lines = [
    `📊 *${who} practice in this channel*`,
    line('All time', stats.allTime),
    line('This month', stats.month),
    line('This week', stats.week),
    `*Question-of-the-day streak:* ${streak > 0 ? `🔥 ${streak}` : 'none running'}`,
  ];
  if (stats.interviews) lines.push(`*Mock interviews (whole workspace):* ${stats.interviews.given} given, ${stats.interviews.taken} taken`);
  return {
    text: `${self ? 'Your' : 'Their'} stats: ${pointsText(stats.allTime?.points ?? 0)}, ${stats.allTime?.answers ?? 0} answers`,
    blocks: [section(lines.join('\n')), context('Only you can see this.')],
  };
}
