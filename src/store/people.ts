import type { Redis } from 'ioredis';
import { keyPart, readChannelKey, type Keys } from './keys';
import { withScripts } from './scripts/define';
import { FORGET_REQUESTER } from './scripts/forget-requester';

interface PeopleScripts {
  dqForgetRequester(postKey: string, user: string): Promise<number>;
}

/** Keys read per SCAN step: enough to walk a large Redis in few round trips, small enough not to stall it. */
const SCAN_COUNT = 1000;

/**
 * What the bot keeps about one person, as a whole: `forget` removes it. Channel data has no per-person index, so
 * forgetting walks the team's channel keys once with SCAN (never KEYS): a cost in proportion to the Redis, paid
 * only when someone asks to be forgotten.
 */
export class PeopleStore {
  private readonly redis: Redis & PeopleScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = withScripts<PeopleScripts>(redis, { dqForgetRequester: FORGET_REQUESTER });
  }

  /**
   * Removes the person's answers, points, counters and streaks in every channel of the team, their name as the
   * asker of a question, their mock-interview history and counts, and what App Home keeps of them. Returns the channels where they had any.
   * Left alone: who revealed a question (the post's reveal claim; the record expires after 180 days), interviews
   * still open or just over (they expire within a week), and what Slack itself shows.
   */
  async forget(team: string, user: string): Promise<{ channels: number }> {
    const fields = [`${user}:answers`, `${user}:0`, `${user}:1`, `${user}:2`, `${user}:3`];
    const ownAnswers = `:answers:${keyPart(user)}`;
    const touched = new Set<string>();
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', this.keys.teamChannelsPattern(team), 'COUNT', SCAN_COUNT);
      cursor = next;
      const batch = this.redis.pipeline() as ReturnType<Redis['pipeline']> & { dqForgetRequester(postKey: string, user: string): unknown };
      const tags: string[] = [];
      for (const key of found) {
        const read = readChannelKey(key);
        if (!read?.kind) continue;
        if (read.kind === 'answers') {
          // One hash per person: theirs goes, the others' are not about them.
          if (!key.endsWith(ownAnswers)) continue;
          batch.del(key);
        } else if (read.kind === 'votes' || read.kind === 'streaks') batch.hdel(key, user);
        else if (read.kind === 'bstats') batch.hdel(key, ...fields);
        else if (read.kind === 'board') batch.zrem(key, user);
        // Asking for a question is not an answer: it does not count the channel as one they took part in.
        else batch.dqForgetRequester(key, user);
        tags.push(read.kind === 'post' ? '' : read.tag);
      }
      const results = (await batch.exec()) ?? [];
      results.forEach(([error, removed], i) => {
        if (error) throw error;
        if (tags[i] && Number(removed) > 0) touched.add(tags[i]);
      });
    } while (cursor !== '0');

    const home = this.keys.home(team, user);
    await this.redis
      .multi()
      .del(this.keys.interviewSeen(team, user), this.keys.interviewLatest(team, user), home.seen, home.channels)
      .hdel(this.keys.interviewCounts(team), `${user}:given`, `${user}:taken`)
      .exec();
    return { channels: touched.size };
  }
}
