/**
 * Uninstalling, end to end in distribution mode, with two workspaces in use: `app_uninstalled` (or a job meeting
 * `token_revoked`) leaves nothing of that workspace in Redis, no key naming it, no scheduler, no job whose data names
 * it, while the other workspace's keys, jobs and schedules stay as they were; a re-install starts clean. With one
 * workspace (SLACK_BOT_TOKEN), `app_uninstalled` removes its data the same way.
 */
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Bot } from '../../src/bot';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { eventually } from '../support/eventually';
import { bootBot, CHANNEL, USERS, type BotHarness } from '../support/bot-harness';
import { bootDistributedBot, TEAMS, type DistributedHarness, type TeamName } from '../support/installs';

let h: DistributedHarness;
/** The bot under test and its Redis, whichever harness started it. */
let w: { bot: Bot; redis: Redis; prefix: string };

/** The bound: everything of the team is gone within a minute (it takes about a second here). */
const CLEANUP_BOUND_MS = 60_000;
const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const queues = (): Queue[] => [w.bot.queues.qotd, w.bot.queues.tasks];

async function command(name: TeamName, user: string, typed: string): Promise<void> {
  const res = await h.driver(name).command({ text: typed, userId: user, channelId: TEAMS[name].channel });
  expect(res.status).toBe(200);
}

/** What a person was last shown privately that contains `marker`, after `before` of them. */
async function shown(name: TeamName, user: string, marker: string, before = 0): Promise<string> {
  return eventually(() => h.slack.ephemeralsFor(user, { channelId: TEAMS[name].channel }).slice(before).map(text).find((t) => t.includes(marker)), 8000, `"${marker}" shown in ${name}`);
}

/**
 * The workspace in use as people use it: a schedule with a timed reveal (its scheduler and the weekly recap's),
 * today's question of the day (its reveal job waiting), a question asked for, revealed and answered Not yet (points,
 * a review card, the offer taken: a review job waiting), a mock interview opened (its time-out waiting), Home opened.
 */
async function useWorkspace(name: TeamName): Promise<void> {
  const t = TEAMS[name];
  const channel = t.channel;
  await command(name, t.admin, 'schedule 09:30 Europe/Berlin weekdays reveal 4h');
  const scheduler = BullQuizJobs.schedulerId(t.id, channel);
  const due = await eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${scheduler}:`)), 5000, 'scheduler job');
  await due.promote();
  const posts = () => h.slack.messages(channel).filter((m) => text(m).includes('reveal_answer'));
  await eventually(() => posts().length === 1, 8000, `question of the day in ${name}`);

  await command(name, t.member, '');
  const asked = await eventually(() => posts()[1], 8000, `asked-for question in ${name}`);
  await eventually(async () => (await h.redis.exists(`${h.prefix}:{${t.id}:${channel}}:post:${asked.ts}`)) === 1, 5000, 'post recorded');
  await h.driver(name).clickButton({ userId: t.member, channelId: channel, ts: asked.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h.slack.thread(channel, asked.ts).find((m) => m.ts !== asked.ts), 8000, 'answer in the thread');
  await h.driver(name).clickButton({ userId: t.member, channelId: channel, ts: answer.ts, actionId: 'record_level_0' });
  const offer = await eventually(() => h.slack.ephemeralsFor(t.member, { channelId: channel }).find((e) => text(e).includes('review_consent_yes')), 8000, 'review offer');
  await h.driver(name).clickButton({ userId: t.member, channelId: channel, ts: offer.message_ts, actionId: 'review_consent_yes' });
  await shown(name, t.member, 'Reviews by DM are on');

  await command(name, t.admin, `mock <@${t.member}|member> 1`);
  await eventually(() => h.slack.messages(channel).some((m) => text(m).includes('Mock interview')), 8000, `mock interview in ${name}`);
  await h.driver(name).openHome(t.member);
  await eventually(() => h.slack.callsTo('views.publish').some((c) => c.args.user_id === t.member), 8000, `Home of ${name}`);
  await settled();
}

/** No job waiting to run or running: what the test did has been done (delayed jobs keep waiting). */
async function settled(): Promise<void> {
  await eventually(async () => {
    for (const q of queues()) {
      const counts = await q.getJobCounts('wait', 'active', 'prioritized');
      if (counts.wait + counts.active + counts.prioritized > 0) return false;
    }
    return true;
  }, 15_000, 'queues idle');
}

/** Every key under the test's prefix that names the team, and every BullMQ job hash whose data names it. */
async function keysOf(team: string): Promise<string[]> {
  const found: string[] = [];
  const jobHashes: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await w.redis.scan(cursor, 'MATCH', `${w.prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) (key.includes(team) ? found : key.startsWith(`${w.prefix}-jobs:`) ? jobHashes : []).push(key);
  } while (cursor !== '0');
  for (const key of jobHashes) {
    if ((await w.redis.type(key)) !== 'hash') continue;
    const data = await w.redis.hget(key, 'data');
    if (data?.includes(`"team":"${team}"`)) found.push(key);
  }
  return found.sort();
}

async function schedulersOf(team: string): Promise<Array<{ key: string; name: string; next: number | undefined }>> {
  const all = [];
  for (const q of queues()) for (const s of await q.getJobSchedulers(0, -1, true)) if ((s.template?.data as { team?: string } | undefined)?.team === team) all.push({ key: s.key, name: s.name, next: s.next });
  return all.sort((x, y) => x.key.localeCompare(y.key));
}

async function jobsOf(team: string, states: Parameters<Queue['getJobs']>[0]): Promise<Job[]> {
  const all: Job[] = [];
  for (const q of queues()) all.push(...(await q.getJobs(states)).filter((j) => (j.data as { team?: string }).team === team));
  return all;
}

/** What of a workspace must outlive another's uninstall: its lasting keys, its schedulers, its jobs. */
async function snapshot(team: string) {
  const lasting: string[] = [];
  for (const key of await keysOf(team)) {
    const ttl = await w.redis.pttl(key);
    // Keys that expire within minutes (deduplication windows, Home's "seen lately") may go on their own.
    if (ttl === -1 || ttl > 10 * 60_000) lasting.push(key);
  }
  const jobs = (await jobsOf(team, ['delayed', 'completed', 'failed'])).map((j) => `${j.queueName}/${j.id}`).sort();
  return { keys: lasting, schedulers: await schedulersOf(team), jobs };
}

async function expectUntouched(before: Awaited<ReturnType<typeof snapshot>>, team: string): Promise<void> {
  const now = new Set(await keysOf(team));
  expect(before.keys.filter((k) => !now.has(k))).toEqual([]);
  expect(await schedulersOf(team)).toEqual(before.schedulers);
  const jobs = new Set((await jobsOf(team, ['delayed', 'completed', 'failed', 'active', 'wait'])).map((j) => `${j.queueName}/${j.id}`));
  expect(before.jobs.filter((j) => !jobs.has(j))).toEqual([]);
}

/** Resolves with what the next clean-up of the team that completes reports. */
function cleanedUp(team: string): Promise<unknown> {
  const tasks = w.bot.workers!.workers.find((worker) => worker.name === w.bot.queues.tasks.name)!;
  return new Promise((resolve) => {
    const heard = (job: Job, result: unknown) => {
      if (job.name !== 'forget-team' || (job.data as { team?: string }).team !== team) return;
      tasks.off('completed', heard);
      resolve(result);
    };
    tasks.on('completed', heard);
  });
}

async function forgotten(team: string): Promise<void> {
  await eventually(async () => (await keysOf(team)).length === 0 && (await schedulersOf(team)).length === 0, CLEANUP_BOUND_MS, `nothing of ${team} left`);
}

describe('distribution mode, two workspaces', () => {
  beforeEach(async () => {
    h = await bootDistributedBot();
    w = h;
  });
  afterEach(async () => {
    await h.stop();
  });

  test('app_uninstalled: nothing of the workspace is left, the other is untouched; a re-install starts clean', async () => {
    await h.install('a');
    await h.install('b');
    await useWorkspace('a');
    await useWorkspace('b');

    // What there is to forget: the kinds of jobs waiting for A, its schedulers, its keys.
    const waiting = (await jobsOf(TEAMS.a.id, ['delayed'])).map((j) => j.name);
    for (const kind of ['post-qotd', 'reveal', 'review-day', 'interview-timeout']) expect(waiting).toContain(kind);
    expect((await schedulersOf(TEAMS.a.id)).map((s) => s.name).sort()).toEqual(['post-qotd', 'recap']);
    // Finished ones too, among them auto-numbered ones whose id does not name the team (tally refreshes).
    await eventually(async () => (await jobsOf(TEAMS.a.id, ['completed'])).some((j) => j.name === 'tally'), 8000, 'tally refreshed');
    expect((await jobsOf(TEAMS.a.id, ['completed'])).map((j) => j.name)).toEqual(expect.arrayContaining(['ask', 'post-qotd', 'tally']));
    expect((await keysOf(TEAMS.a.id)).length).toBeGreaterThan(20);
    const b = await snapshot(TEAMS.b.id);
    expect(b.keys.length).toBeGreaterThan(20);

    expect((await h.driver('a').event({ type: 'app_uninstalled' })).status).toBe(200);
    await forgotten(TEAMS.a.id);
    expect((await h.bot.installations!.list()).map((i) => i.team)).toEqual([TEAMS.b.id]);
    await expectUntouched(b, TEAMS.b.id);

    // Slack delivering the event again changes nothing, and nothing is left behind by a second clean-up.
    const again = cleanedUp(TEAMS.a.id);
    expect((await h.driver('a').event({ type: 'app_uninstalled' })).status).toBe(200);
    expect(await again).toMatchObject({ status: 'forgotten', installation: false, schedulers: 0, jobs: 0, keys: 0 });
    expect(await keysOf(TEAMS.a.id)).toEqual([]);
    await expectUntouched(b, TEAMS.b.id);

    // Installed again: no old points, no schedule, nothing waiting.
    await h.install('a');
    await command('a', TEAMS.a.member, 'leaderboard');
    expect(await shown('a', TEAMS.a.member, 'Leaderboard')).toContain('nobody has answered yet');
    const before = h.slack.ephemeralsFor(TEAMS.a.admin, { channelId: TEAMS.a.channel }).length;
    await command('a', TEAMS.a.admin, 'schedule');
    expect(await shown('a', TEAMS.a.admin, 'scheduled', before)).toContain('No question of the day is scheduled in this channel');
    expect(await schedulersOf(TEAMS.a.id)).toEqual([]);
    expect(await jobsOf(TEAMS.a.id, ['delayed', 'completed', 'failed'])).toEqual([]);
    // B still has its points.
    await command('b', TEAMS.b.member, 'leaderboard');
    expect(await shown('b', TEAMS.b.member, 'Leaderboard')).not.toContain('nobody has answered yet');
  }, CLEANUP_BOUND_MS + 30_000);

  test('a job meeting token_revoked treats the workspace as uninstalled: the same clean-up', async () => {
    await h.install('a');
    await h.install('b');
    await useWorkspace('a');
    await useWorkspace('b');
    const b = await snapshot(TEAMS.b.id);

    // A's token is revoked without an event reaching the bot; its next question of the day meets it.
    h.slack.revokeTokens(TEAMS.a.id);
    const scheduler = BullQuizJobs.schedulerId(TEAMS.a.id, TEAMS.a.channel);
    const due = await eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${scheduler}:`)), 5000, 'scheduler job');
    await due.promote();
    await eventually(() => h.slack.calls.some((c) => c.args.channel === TEAMS.a.channel && c.outcome === 'error:token_revoked'), 8000, 'a call refused');

    await forgotten(TEAMS.a.id);
    expect((await h.bot.installations!.list()).map((i) => i.team)).toEqual([TEAMS.b.id]);
    await expectUntouched(b, TEAMS.b.id);
  }, CLEANUP_BOUND_MS + 30_000);
});

describe('one workspace (SLACK_BOT_TOKEN)', () => {
  let one: BotHarness;
  beforeEach(async () => {
    one = await bootBot();
    w = one;
  });
  afterEach(async () => {
    await one.stop();
  });

  test('app_uninstalled removes the workspace\'s data, schedules and jobs too', async () => {
    const team = one.slack.team.id;
    await one.driver.command({ text: 'schedule 09:30 Europe/Berlin weekdays', userId: USERS.admin, channelId: CHANNEL });
    await one.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
    const question = await eventually(() => one.slack.messages(CHANNEL).find((m) => text(m).includes('reveal_answer')), 8000, 'question');
    await one.waitForPost(question.ts);
    await one.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
    const answer = await eventually(() => one.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 8000, 'answer');
    await one.driver.clickButton({ userId: USERS.alice, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_2' });
    await eventually(async () => (await one.redis.zcard(one.channelKeys().board('all'))) === 1, 5000, 'points');
    await settled();
    expect((await schedulersOf(team)).length).toBe(2);

    expect((await one.driver.event({ type: 'app_uninstalled' })).status).toBe(200);
    await forgotten(team);
    // The bot goes on (a new token would serve the workspace again), starting clean.
    await one.driver.command({ text: 'leaderboard', userId: USERS.alice, channelId: CHANNEL });
    expect(await eventually(() => one.slack.ephemeralsFor(USERS.alice).map(text).find((t) => t.includes('Leaderboard')), 5000, 'board')).toContain('nobody has answered yet');
  }, CLEANUP_BOUND_MS + 30_000);
});
