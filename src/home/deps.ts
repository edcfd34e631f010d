import type { Logger } from '../logger';
import type { Question } from '../model/question';
import type { BoardStore } from '../store/boards';
import type { HomeStore } from '../store/home';
import type { InterviewStore } from '../store/interviews';
import type { ReviewDeps } from '../review/deps';

/**
 * What the rules tell App Home after one of a person's answers or ratings: a channel answer (with its channel), a
 * review rating or a mock rating (channel null), the end of a mock interview. Called after the change is stored and
 * after the request was acknowledged; it must stay cheap (a vote calls it) and never fail what called it.
 */
export interface HomeRefresher {
  changed(team: string, user: string, channel: string | null): Promise<void>;
}

/** Nothing refreshes Home (tests of other rules, a bot without workers): it is drawn afresh on every open anyway. */
export const NO_HOME_REFRESH: HomeRefresher = { changed: async () => undefined };

/**
 * Today's review DM for a person now (the delivery's `sendNow`): how many cards it carries, 0 when that local day's
 * DM went out already or nothing is due.
 */
export type DeliverNow = (team: string, user: string, at: Date) => Promise<{ sent: number }>;

export interface HomeDeps {
  questions: ReadonlyMap<string, Question>;
  boards: BoardStore;
  review: ReviewDeps;
  interviews: InterviewStore;
  store: HomeStore;
  deliverNow: DeliverNow;
  logger: Logger;
  /** True when a failure was Redis being unreachable (Home then says so). */
  storeUnavailable: (error: unknown) => boolean;
  now: () => Date;
}
