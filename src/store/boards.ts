import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import type { LevelScore } from '../model/levels';
import type { Board, BoardRow, RecordResult, Tally } from '../model/boards';
import { RECORD_LEVEL } from './scripts/record-level';
import { READ_BOARD } from './scripts/read-board';
import { withScripts } from './scripts/define';

interface BoardScripts {
  dqRecordLevel(k1: string, k2: string, k3: string, ...args: string[]): Promise<[string, number, number, number, number, number]>;
  dqReadBoard(k1: string, k2: string, k3: string, k4: string, ...args: string[]): Promise<string[]>;
}

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

  /** One round trip: validates the message, records or moves the level, returns the post's tally. */
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
  }): Promise<RecordResult> {
    const k = this.keys.channel(args.team, args.channel);
    const [status, previous, ...tally] = await this.redis.dqRecordLevel(
      k.post(args.postTs),
      k.votes(args.postTs),
      k.streaks,
      k.boardPrefix,
      args.user,
      String(args.level),
      args.fromTs,
      args.week,
      args.month,
      clickOrder(args.actionTs),
      k.boardStatsPrefix,
    );
    return {
      status: status as RecordResult['status'],
      previous: previous >= 0 ? (previous as LevelScore) : null,
      tally: (tally.length === 4 ? tally : [0, 0, 0, 0]) as Tally,
    };
  }

  async readBoard(team: string, channel: string, period: string, limit: number, caller = ''): Promise<Board> {
    const k = this.keys.channel(team, channel);
    const raw = await this.redis.dqReadBoard(k.board(period), k.boardStats(period), k.streaks, k.qotdSeq, String(limit), caller);
    const currentSeq = Number(raw[0]);
    const callerRank = Number(raw[1]);
    const rows: BoardRow[] = [];
    for (let i = 2; i + 8 <= raw.length; i += 8) {
      const [user, points, answers, n0, n1, n2, n3, streak] = raw.slice(i, i + 8);
      rows.push({
        user,
        rank: rows.length + 1,
        points: Number(points),
        answers: Number(answers),
        mix: [Number(n0), Number(n1), Number(n2), Number(n3)],
        streak: currentStreak(streak, currentSeq),
      });
    }
    let callerRow: BoardRow | null = null;
    if (callerRank >= limit && rows.length > limit) {
      callerRow = { ...rows.pop()!, rank: callerRank + 1 };
    }
    return { rows, caller: callerRow, callerRank: callerRank >= 0 ? callerRank + 1 : null };
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
