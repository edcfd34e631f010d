/** Everything one person's App Home shows, read for them alone. */
import type { ChannelStanding, HomeData } from '../model/home';
import type { Question } from '../model/question';
import { reviewOverview } from '../review/settings';
import type { HomeDeps } from './deps';
import { calibration, packTitles, readinessByPack } from './readiness';

/** Channels whose boards Home shows (the ones answered in most recently). */
export const HOME_CHANNELS_SHOWN = 10;

const titlesOf = new WeakMap<ReadonlyMap<string, Question>, Map<string, string>>();

/** The bank's pack titles, worked out once per bank. */
function titles(questions: ReadonlyMap<string, Question>): Map<string, string> {
  let t = titlesOf.get(questions);
  if (!t) {
    t = packTitles(questions);
    titlesOf.set(questions, t);
  }
  return t;
}

/**
 * The person's Home as of `at`: a fixed number of reads whatever their history (readiness counters, review
 * settings and cards, their latest channels' boards, interview counts and latest summary).
 */
export async function gatherHome(deps: HomeDeps, team: string, user: string, at: Date): Promise<HomeData> {
  const [rows, review, listed, counts, latest] = await Promise.all([
    deps.review.store.readiness(team, user),
    reviewOverview(deps.review, team, user, at),
    deps.store.channels(team, user, HOME_CHANNELS_SHOWN),
    deps.interviews.counts(team, user),
    deps.interviews.latest(team, user),
  ]);
  const boards = await Promise.all(listed.channels.map((channel) => deps.boards.readBoard(team, channel, 'all', 0, user)));
  const channels: ChannelStanding[] = [];
  listed.channels.forEach((channel, i) => {
    // The board's own row for the person: none when their answers there were forgotten or expired.
    const row = boards[i].caller;
    if (row) channels.push({ channel, points: row.points, rank: row.rank, answers: row.answers, streak: row.streak });
  });
  const packTitle = titles(deps.questions);
  return {
    user,
    at: at.getTime(),
    readiness: readinessByPack(rows, packTitle),
    review,
    channels,
    moreChannels: Math.max(0, listed.total - listed.channels.length),
    interviews: { ...counts, latest },
    calibration: calibration(rows, packTitle),
  };
}
