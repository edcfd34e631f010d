import type { Board, BoardRow, Period } from '../model/boards';
import { SELF_LEVELS } from '../model/levels';
import { context, mention, section, type SlackMessage } from './blocks';
import { pointsText, pointsWord } from './points';

const PERIOD_TITLES: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };
const MEDALS = ['🥇', '🥈', '🥉'];

function levelMix(row: BoardRow): string {
  return SELF_LEVELS.filter((l) => row.mix[l.score] > 0)
    .map((l) => `${l.emoji}${row.mix[l.score]}`)
    .join(' ');
}

/** One row: equal points share a rank (and a medal); the viewer's own row is marked. */
function rowLine(row: BoardRow, viewer: string | null | undefined): string {
  const rank = MEDALS[row.rank - 1] ?? `*${row.rank}.*`;
  const streak = row.streak > 1 ? `  ·  🔥 ${row.streak}` : '';
  const you = row.user === viewer ? '  _(you)_' : '';
  return `${rank} ${mention(row.user)}  *${row.points}* ${pointsWord(row.points)}  ·  ${row.answers} answered  ·  ${levelMix(row)}${streak}${you}`;
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
  const blocks = [section(`${title}\n${board.rows.map((r) => rowLine(r, board.viewer)).join('\n')}`)];
  if (board.caller) blocks.push(section(`…\n${rowLine(board.caller, board.viewer ?? board.caller.user)}`));
  else if (board.callerRank === null) blocks.push(context('You are not on this board yet: answer a question to join.'));
  blocks.push(context('Points: 🔴 Advanced 3 · 🟡 Intermediate 2 · 🟢 Beginner 1 · 📚 Not yet 0 (still counts as taking part). 🔥 = question-of-the-day streak.'));
  return {
    text: `Leaderboard, ${PERIOD_TITLES[period]}: ${board.rows
      .slice(0, 3)
      .map((r) => `${r.rank}. ${mention(r.user)} ${pointsText(r.points)}`)
      .join(', ')}`,
    blocks,
  };
}
