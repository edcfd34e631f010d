import type { Board } from '../model/boards';
import type { Period } from '../model/boards';
import type { PersonalStats } from '../model/boards';
import type { QuizDeps } from './deps';
import { periodIds } from './periods';

export const BOARD_SIZE = 10;

/** The channel's board for a period, with the caller's own rank when outside the top. */
export async function getLeaderboard(
  deps: QuizDeps,
  req: { team: string; channel: string; period: Period; caller: string },
): Promise<{ board: Board; label: string }> {
  const tz = await deps.zones.get(req.team, req.channel);
  const ids = periodIds(deps.now(), tz);
  const id = req.period === 'all' ? 'all' : ids[req.period];
  const label = req.period === 'all' ? 'since the bot joined' : req.period === 'week' ? ids.weekLabel : ids.monthLabel;
  return { board: await deps.boards.readBoard(req.team, req.channel, id, BOARD_SIZE, req.caller), label };
}

/** One person's standing in the channel, per period. */
export async function getStats(deps: QuizDeps, req: { team: string; channel: string; user: string }): Promise<PersonalStats> {
  const tz = await deps.zones.get(req.team, req.channel);
  const ids = periodIds(deps.now(), tz);
  // A board of size 0 returns just the person's own row and rank.
  const read = async (period: string) => {
    const board = await deps.boards.readBoard(req.team, req.channel, period, 0, req.user);
    return board.caller;
  };
  const [allTime, week, month] = await Promise.all([read('all'), read(ids.week), read(ids.month)]);
  return { user: req.user, allTime, week, month };
}
