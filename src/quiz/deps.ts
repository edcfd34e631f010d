import type { Logger } from '../logger';
import type { Question } from '../model/question';
import type { PostStore } from '../store/posts';
import type { BoardStore } from '../store/boards';
import type { ScheduleStore } from '../store/schedules';
import type { ScheduleSettings } from '../model/schedules';
import type { PeopleStore } from '../store/people';
import type { DeliveryStore } from '../store/deliveries';
import type { ReviewDmStore } from '../store/review-dms';
import type { QuestionIndex } from './topics';
import type { AskRequest } from './ask';
import type { ChannelZones } from './zones';
import type { ReviewDeps } from '../review/deps';

/** What the quiz rules need from the job system; implemented in `jobs/`, given to the rules. */
export interface QuizJobs {
  /** Creates or changes the channel's job scheduler (only when its settings differ). */
  upsertSchedule(team: string, channel: string, settings: ScheduleSettings): Promise<void>;
  removeSchedule(team: string, channel: string): Promise<void>;
  /** When the channel's next question of the day is due, or null. */
  nextRun(team: string, channel: string): Promise<Date | null>;
  /** Reveals the answer of a post later unless someone has by then. */
  scheduleReveal(team: string, channel: string, postTs: string, delayMs: number): Promise<void>;
  /** Refreshes a post's tally on its answer message soon, once for many votes. */
  scheduleTallyUpdate(team: string, channel: string, postTs: string): Promise<void>;
  /** Posts a question one person asked for, soon, once per trigger_id (see quiz/ask.ts). */
  askQuestion(req: AskRequest): Promise<void>;
  /** Creates or changes the channel's weekly recap scheduler (cron pattern in the zone; only when it differs). */
  upsertRecap(team: string, channel: string, timing: { pattern: string; tz: string }): Promise<void>;
  removeRecap(team: string, channel: string): Promise<void>;
  /** When the channel's next weekly recap is due, or null. */
  nextRecap(team: string, channel: string): Promise<Date | null>;
}

/** What the quiz rules report for monitoring (Prometheus counters in production). */
export interface QuizMetrics {
  questionPosted(kind: 'qotd' | 'adhoc'): void;
  answerRevealed(byPerson: boolean): void;
  levelRecorded(level: string): void;
  slackError(method: string, code: string): void;
  jobFailed(queue: string, name: string): void;
}

export interface QuizDeps {
  questions: ReadonlyMap<string, Question>;
  index: QuestionIndex;
  posts: PostStore;
  boards: BoardStore;
  schedules: ScheduleStore;
  /** Everything kept about one person, to forget it. */
  people: PeopleStore;
  /** Personal review: the cards answers make, consent and delivery settings (review/). */
  review: ReviewDeps;
  /** Reviews by DM: what each DM carried, for its buttons (review/dm.ts). */
  reviewDms: ReviewDmStore;
  /** Slash commands already taken (by trigger_id), so a replay does nothing. */
  deliveries: DeliveryStore;
  jobs: QuizJobs;
  /** Users who may manage schedules besides workspace admins and owners. */
  admins: ReadonlySet<string>;
  /** Channel time zones, cached (see zones.ts). */
  zones: ChannelZones;
  logger: Logger;
  metrics: QuizMetrics;
  /** The one clock of the rules: every "now" comes from here. */
  now: () => Date;
  /** True when a failure was Redis being unreachable (the person is told to try again). */
  storeUnavailable: (error: unknown) => boolean;
}
