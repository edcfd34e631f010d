import type { Logger } from '../logger';
import type { Question } from '../model/question';
import type { ReviewSettings } from '../model/reviews';
import type { ReviewStore } from '../store/reviews';
import type { ReviewScheduler } from './scheduler';
import type { HomeRefresher } from '../home/deps';

/**
 * What the delivery of reviews (DM jobs) hears from the review rules: a person's settings changed (consent,
 * on/off, time, zone, days, cap, a hold, interview mode), so their delivery schedule may need to follow.
 */
export interface ReviewDelivery {
  settingsChanged(team: string, user: string, settings: ReviewSettings): Promise<void>;
}

/** No delivery wired in (yet): settings are stored and read by whoever delivers. */
export const NO_DELIVERY: ReviewDelivery = { settingsChanged: async () => undefined };

export interface ReviewDeps {
  store: ReviewStore;
  scheduler: ReviewScheduler;
  questions: ReadonlyMap<string, Question>;
  delivery: ReviewDelivery;
  /** App Home, refreshed after each answer or rating noted here (absent: it is drawn afresh on the next open). */
  home?: HomeRefresher;
  logger: Logger;
  /** The clock, only where a rule has no instant of its own (a command, a click); rules that are given `at` use it. */
  now: () => Date;
}
