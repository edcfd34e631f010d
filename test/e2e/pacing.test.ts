/**
 * Posts are paced per workspace: one workspace that Slack keeps answering 429 (Retry-After 30) holds back only its
 * own questions. Two workspaces installed through OAuth, each with a question of the day due at the same time (the
 * test promotes the schedulers' own delayed jobs): B's question is posted while A is still blocked, and A's is
 * posted once after Slack lets it post again.
 */
import type { Job } from 'bullmq';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { Keys } from '../../src/store/keys';
import { eventually } from '../support/eventually';
import { bootDistributedBot, TEAMS, type DistributedHarness, type TeamName } from '../support/installs';

let h: DistributedHarness;

beforeEach(async () => {
  h = await bootDistributedBot();
  await h.install('a');
  await h.install('b');
});
afterEach(async () => {
  await h.stop();
});

const qotdCalls = (name: TeamName) =>
  h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === TEAMS[name].channel && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'qotd_posted');
const posted = (name: TeamName) => qotdCalls(name).filter((c) => c.outcome === 'ok');
const refused = (name: TeamName) => qotdCalls(name).filter((c) => c.outcome === 'http:429');

async function scheduleFor(name: TeamName): Promise<Job> {
  const t = TEAMS[name];
  const res = await h.driver(name).command({ text: 'schedule 09:30 UTC daily', userId: t.admin, channelId: t.channel });
  expect(res.status).toBe(200);
  const id = BullQuizJobs.schedulerId(t.id, t.channel);
  return eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 5000, `scheduler job of ${name}`);
}

test('a workspace answered 429 on every post holds back only its own question; it is posted once Slack lets it', async () => {
  const jobA = await scheduleFor('a');
  const jobB = await scheduleFor('b');
  h.slack.rateLimitTeam(TEAMS.a.id, 30);

  // Both come due; A's post is refused first, so B's comes while A is blocked for 30 s.
  await jobA.promote();
  await eventually(() => refused('a').length >= 1, 8000, "A's first 429");
  await jobB.promote();
  await eventually(() => posted('b').length === 1, 8000, "B's question");
  expect(posted('a')).toHaveLength(0);
  expect(await h.bot.queues.qotd.getJobState(jobA.id!)).toBe('delayed');

  // Slack lets A post again: its question comes when Retry-After is over, once.
  h.slack.rateLimitTeam(TEAMS.a.id, undefined);
  await eventually(() => posted('a').length === 1, 45_000, "A's question after the 429s");
  const ts = String(posted('a')[0].response?.ts);
  await eventually(() => h.redis.exists(new Keys(h.prefix).channel(TEAMS.a.id, TEAMS.a.channel).post(ts)), 5000, "A's post recorded");
  await new Promise((r) => setTimeout(r, 1500));
  expect(posted('a')).toHaveLength(1);
  expect(posted('b')).toHaveLength(1);
  for (const name of ['a', 'b'] as const) expect(h.slack.messages(TEAMS[name].channel).filter((m) => (m.metadata?.event_type ?? '') === 'qotd_posted')).toHaveLength(1);
  // Waiting out Slack's 429s spent none of the job's attempts: the run that posted is its only one, as for B.
  expect((await h.bot.queues.qotd.getJob(jobA.id!))?.attemptsMade).toBe(1);
  expect((await h.bot.queues.qotd.getJob(jobB.id!))?.attemptsMade).toBe(1);
  expect(h.slack.warnings).toEqual([]);
}, 90_000);
