import type { Board, BoardRow, Period } from '../model/boards';
import { SELF_LEVELS } from '../model/levels';
import { context, mention, section, type SlackMessage } from './blocks';

const PERIOD_TITLES: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };
const MEDALS = ['🥇', '🥈', '🥉'];

function levelMix(row: BoardRow): string {
  return SELF_LEVELS.filter((l) => row.mix[l.score] > 0)
    .map((l) => `${l.emoji}${row.mix[l.score]}`)
    .join(' ');
}

function rowLine(row: BoardRow): string {
  const rank = MEDALS[row.rank - 1] ?? `*${row.rank}.*`;
  const streak = row.streak > 1 ? `  ·  🔥 ${row.streak}` : '';
  return `${rank} ${mention(row.user)}  *${row.points}* pts  ·  ${row.answers} answered  ·  ${levelMix(row)}${streak}`;
}

/** The channel's board for a period: top rows, then the caller's own row when outside them. */
export function leaderboardMessage(board: Board, period: Period, periodLabel: string): SlackMessage {
  const title = `🏆 *Leaderboard, ${PERIOD_TITLES[period]}* (${periodLabel})`;
  if (board.rows.length === 0) {
    return {
      text: `Leaderboard, ${PERIOD_TITLES[period]}: nobody has answered yet.`,
      blocks: [section(`${title}\nNobody has answered yet. Reveal a question's answer and say how well you knew it to get on the board.`)],
    };
  }
  const blocks = [section(`${title}\n${board.rows.map(rowLine).join('\n')}`)];
  if (board.caller) blocks.push(section(`…\n${rowLine(board.caller)}  _(you)_`));
  else if (board.callerRank === null) blocks.push(context('You are not on this board yet: answer a question to join.'));
  blocks.push(context('Points: 🔴 Advanced 3 · 🟡 Intermediate 2 · 🟢 Beginner 1 · 📚 Not yet 0 (still counts as taking part). 🔥 = question-of-the-day streak.'));
  return {
    text: `Leaderboard, ${PERIOD_TITLES[period]}: ${board.rows
      .slice(0, 3)
      .map((r) => `${r.rank}. ${mention(r.user)} ${r.points} pts`)
      .join(', ')}`,
    blocks,
  };
}
