import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import type { LevelScore } from '../model/levels';
import type { Board, BoardRow, RecordResult, Tally } from '../model/boards';
import { RECORD_LEVEL } from './scripts/record-level';
import { READ_BOARD } from './scripts/read-board';
import { withScripts } from './scripts/define';

interface BoardScripts {
  dqRecordLevel(k1: string, k2: string, k3: string, k4: string, ...args: string[]): Promise<[string, number, ...number[]]>;
  dqReadBoard(k1: string, k2: string, k3: string, k4: string, ...args: string[]): Promise<string[]>;
}

/**
 * How long a week's or a month's board and counters are kept, from their first vote: a year of past periods to
 * look back on, and a little more. The all-time board and the streaks stay while the channel uses the bot.
 */
export const PERIOD_TTL_SECONDS = 400 * 24 * 3600;

/**
 * How long a person's answers in a channel (one per question, whichever post of it they answered on) outlive their
 * last vote there: longer than a post stays answerable, so a question that comes back still scores once.
 */
export const ANSWERS_TTL_SECONDS = 400 * 24 * 3600;

/** Recorded levels, points boards (all time, per week, per month) and streaks, per channel. */
export class BoardStore {
  private readonly redis: Redis & BoardScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = withScripts<BoardScripts>(redis, {
      dqRecordLevel: RECORD_LEVEL,
      dqReadBoard: READ_BOARD,
    });
  }

  /**
   * One round trip: validates the message, records or moves the level (once per person and question in the
   * channel, across the question's posts), returns the post's tally.
   */
  async recordLevel(args: {
    team: string;
    channel: string;
    postTs: string;
    fromTs: string;
    user: string;
    level: LevelScore;
    week: string;
    month: string;
    /** Slack's `action_ts` of the click: an older click than the one recorded changes nothing. */
    actionTs?: string;
    /** The time now, for the board's order when the click has no time of its own (default: the clock). */
    now?: Date;
  }): Promise<RecordResult> {
    const k = this.keys.channel(args.team, args.channel);
    const [status, previous, ...rest] = await this.redis.dqRecordLevel(
      k.post(args.postTs),
      k.votes(args.postTs),
      k.streaks,
      k.answers(args.user),
      k.boardPrefix,
      args.user,
      String(args.level),
      args.fromTs,
      args.week,
      args.month,
      clickOrder(args.actionTs),
      k.boardStatsPrefix,
      String(PERIOD_TTL_SECONDS),
      String((args.now ?? new Date()).getTime() / 1000),
      String(ANSWERS_TTL_SECONDS),
    );
    return {
      status: status as RecordResult['status'],
      previous: previous >= 0 ? (previous as LevelScore) : null,
      tally: (rest.length >= 4 ? rest.slice(0, 4) : [0, 0, 0, 0]) as Tally,
      earlier: rest[4] === 1,
      tallyChanged: rest[5] === 1,
    };
  }

  async readBoard(team: string, channel: string, period: string, limit: number, caller = ''): Promise<Board> {
    const k = this.keys.channel(team, channel);
    const raw = await this.redis.dqReadBoard(k.board(period), k.boardStats(period), k.streaks, k.qotdSeq, String(limit), caller);
    const currentSeq = Number(raw[0]);
    const callerRank = Number(raw[1]);
    const callerPosition = Number(raw[2]);
    const rows: BoardRow[] = [];
    for (let i = 3; i + 9 <= raw.length; i += 9) {
      const [user, points, rank, answers, n0, n1, n2, n3, streak] = raw.slice(i, i + 9);
      rows.push({
        user,
        rank: Number(rank),
        points: Number(points),
        answers: Number(answers),
        mix: [Number(n0), Number(n1), Number(n2), Number(n3)],
        streak: currentStreak(streak, currentSeq),
      });
    }
    const callerRow = callerPosition >= limit && rows.length > limit ? rows.pop()! : null;
    return { rows, caller: callerRow, callerRank: callerRank > 0 ? callerRank : null, viewer: caller || null };
  }

  /**
   * The longest question-of-the-day streaks still running in the channel (at least `min` long), longest first,
   * at most `limit`. One HGETALL of the streaks, read once a week by the recap.
   */
  async streakLeaders(team: string, channel: string, limit: number, min = 2): Promise<Array<{ user: string; streak: number }>> {
    const k = this.keys.channel(team, channel);
    const res = await this.redis.multi().hgetall(k.streaks).get(k.qotdSeq).exec();
    const [streaks, seq] = (res ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [Record<string, string>, string | null];
    return Object.entries(streaks ?? {})
      .map(([user, entry]) => ({ user, streak: currentStreak(entry, Number(seq ?? 0)) }))
      .filter((r) => r.streak >= min)
      .sort((a, b) => b.streak - a.streak || (a.user < b.user ? -1 : 1))
      .slice(0, limit);
  }

  /** Next sequence number for a question of the day in this channel. */
  async nextQotdSeq(team: string, channel: string): Promise<number> {
    return this.redis.incr(this.keys.channel(team, channel).qotdSeq);
  }
}

/**
 * Slack's `action_ts` (`1700000000.123456`) as fixed-width digits, so that Lua compares two clicks as strings
 * in time order; '' when absent or not in that shape. A click without a time is taken only while none with a
 * time is recorded for the person (the vote script treats it as stale after one).
 */
export function clickOrder(actionTs: unknown): string {
  const m = typeof actionTs === 'string' ? /^(\d{1,12})\.(\d{1,6})$/.exec(actionTs) : null;
  return m ? `${m[1].padStart(12, '0')}.${m[2].padEnd(6, '0')}` : '';
}

/** A streak is current while the person answered the latest or the one before (today's may be open). */
function currentStreak(entry: string, currentSeq: number): number {
  const match = /^(\d+):(\d+)$/.exec(entry);
  if (!match) return 0;
  const [lastSeq, length] = [Number(match[1]), Number(match[2])];
  return lastSeq >= currentSeq - 1 ? length : 0;
}
