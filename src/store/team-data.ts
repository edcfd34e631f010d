import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { deleteByPattern } from './redis';

/** Everything kept under one workspace's hash tags, to forget the workspace when the app leaves it. */
export class TeamDataStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /**
   * Unlinks every key of the team that `Keys.teamKeyPatterns` matches (boards, posts, schedules, interviews, review
   * cards, Home, pacing, …), but its installation: that one goes only when written before the uninstall
   * (InstallationRecords.removeTeamBefore), so a re-install meanwhile keeps its new token. Returns how many went.
   */
  async forget(team: string): Promise<number> {
    const installation = this.keys.installation(team);
    let deleted = 0;
    for (const pattern of this.keys.teamKeyPatterns(team)) deleted += await deleteByPattern(this.redis, pattern, (key) => key === installation);
    return deleted;
  }
}
