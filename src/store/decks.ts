import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import { withScripts } from './scripts/define';
import { REFILL_DECK } from './scripts/refill-deck';

interface DeckScripts {
  dqRefillDeck(key: string, ...ids: string[]): Promise<string | null>;
}


/**
 * Shuffled decks of question ids per channel and filter: a question comes back only after
 * every question the filter allows has been drawn. Drawing is one LPOP; a refill is one script.
 */
export class DeckStore {
  private readonly redis: Redis & DeckScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
  ) {
    this.redis = withScripts<DeckScripts>(redis, { dqRefillDeck: REFILL_DECK });
  }

  /**
   * Draws the next id. `candidates` lists the ids the filter allows now (the deck is rebuilt
   * from it when empty); ids no longer in it (a question removed from the bank) are skipped.
   */
  async draw(team: string, channel: string, filterKey: string, candidates: readonly string[]): Promise<string | null> {
    if (candidates.length === 0) return null;
    const key = this.keys.channel(team, channel).deck(filterKey);
    const allowed = new Set(candidates);
    // Bounded: at most one full deck of stale ids, then one refill.
    for (let attempt = 0; attempt <= candidates.length + 1; attempt++) {
      let id = await this.redis.lpop(key);
      if (id === null) id = await this.redis.dqRefillDeck(key, ...shuffle(candidates));
      if (id !== null && allowed.has(id)) return id;
    }
    return null;
  }
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
