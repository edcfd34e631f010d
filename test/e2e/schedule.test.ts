/**
 * Question of the day on a schedule: set by permitted users only, run by BullMQ's job scheduler
 * (the test promotes the scheduler's own delayed job instead of waiting for 09:30), posted once
 * with two workers running, revealed on time, paused for a closed channel, retried after 429.
 */
import type { Job } from 'bullmq';
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';

let h: BotHarness;

beforeEach(async () => {
  h = await bootBot({ env: { QUIZ_ADMINS: USERS.carol } });
});
afterEach(async () => {
  await h.stop();
});

const text = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const qotdPosts = () => h.slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'ok' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'qotd_posted');

async function schedule(userId: string, args: string, channelId = CHANNEL) {
  const res = await h.driver.command({ text: `schedule ${args}`, userId, channelId });
  expect(res.status).toBe(200);
}

async function schedulerJob(channel = CHANNEL): Promise<Job> {
  const id = BullQuizJobs.schedulerId(h.slack.team.id, channel);
  return eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 5000, 'scheduler job');
}

test('only admins and QUIZ_ADMINS may change the schedule', async () => {
  await schedule(USERS.bob, '09:30 Europe/Berlin weekdays');
  await eventually(() => h.slack.ephemeralsFor(USERS.bob).some((e) => text(e).includes('Only workspace admins')), 5000, 'refusal');
  expect(await h.bot.queues.qotd.getJobSchedulersCount()).toBe(0);

  await schedule(USERS.carol, '07:15 UTC mon,wed,fri'); // named in QUIZ_ADMINS
  await schedule(USERS.admin, '09:30 Europe/Berlin weekdays'); // workspace admin
  // The first sets it, the second changes it: both are announced in the channel.
  await eventually(() => h.slack.messages(CHANNEL).filter((m) => /(set|changed) the question of the day/.test(text(m))).length === 2, 5000, 'announcements');
  const scheduler = await h.bot.queues.qotd.getJobScheduler(BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL));
  expect(scheduler?.pattern).toBe('30 9 * * 1,2,3,4,5');
  expect(scheduler?.tz).toBe('Europe/Berlin');

  // Everyone can look at it, with the next post time.
  await h.driver.command({ text: 'schedule', userId: USERS.bob, channelId: CHANNEL });
  const shown = await eventually(() => h.slack.ephemeralsFor(USERS.bob).map(text).find((t) => t.includes('Next question')), 5000, 'schedule shown');
  expect(shown).toContain('09:30');
  expect(shown).toMatch(/at 09:30/);

  await h.driver.command({ text: 'schedule off', userId: USERS.bob, channelId: CHANNEL });
  await eventually(() => h.slack.ephemeralsFor(USERS.bob).some((e) => text(e).includes('turn off')), 5000, 'off refused');
  expect(await h.bot.queues.qotd.getJobSchedulersCount()).toBe(1);
  await h.driver.command({ text: 'schedule off', userId: USERS.admin, channelId: CHANNEL });
  await eventually(async () => (await h.bot.queues.qotd.getJobSchedulersCount()) === 0, 5000, 'scheduler removed');
});

test('the time zone defaults to the caller\'s, and bad zones are refused', async () => {
  await schedule(USERS.admin, '10:00 Mars/Olympus');
  await eventually(() => h.slack.ephemeralsFor(USERS.admin).some((e) => text(e).includes('do not know the time zone')), 5000, 'bad zone');
  await schedule(USERS.admin, '10:00 daily');
  const scheduler = await eventually(() => h.bot.queues.qotd.getJobScheduler(BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL)), 5000, 'scheduler');
  expect(scheduler.tz).toBe('Europe/Berlin'); // the admin's Slack zone
  expect(scheduler.pattern).toBe('0 10 * * 0,1,2,3,4,5,6');
});

test('the scheduler posts once with two workers, a redelivered run posts nothing, and the timed reveal comes', async () => {
  await h.startAnother({ ROLE: 'worker' });
  await schedule(USERS.admin, '09:30 Europe/Berlin daily reveal 30m');
  const job = await schedulerJob();

  await job.promote();
  await eventually(() => qotdPosts().length === 1, 8000, 'question of the day');
  const ts = String(qotdPosts()[0].response?.ts);
  await h.waitForPost(ts);
  // The scheduler has already planned the next day's run.
  const next = await schedulerJob();
  expect(next.id).not.toBe(job.id);

  // The same occurrence delivered again (a crash and redelivery) must not post twice.
  const again = await h.bot.queues.qotd.add('post-qotd', job.data, { prevMillis: job.opts.prevMillis, jobId: 'redelivered-run' });
  await eventually(async () => (await h.bot.queues.qotd.getJob(again.id!))?.finishedOn, 8000, 'redelivered job done');
  expect((await h.bot.queues.qotd.getJob(again.id!))?.returnvalue).toMatchObject({ status: 'duplicate' });
  expect(qotdPosts()).toHaveLength(1);

  // Nobody revealed it: the delayed reveal job does, once.
  const reveal = await eventually(async () => (await h.bot.queues.tasks.getDelayed()).find((j) => j.name === 'reveal'), 5000, 'reveal job');
  await reveal.promote();
  await eventually(() => h.slack.thread(CHANNEL, ts).length === 2, 8000, 'answer revealed');
  await eventually(() => text(h.slack.message(CHANNEL, ts)!).includes('revealed on schedule'), 5000, 'question updated');
});

test('a channel that was archived pauses its schedule instead of retrying forever', async () => {
  h.slack.addChannel({ id: 'C0ARCH001', name: 'old-team', members: [USERS.admin] });
  await schedule(USERS.admin, '09:30 UTC weekdays', 'C0ARCH001');
  const job = await schedulerJob('C0ARCH001');
  await eventually(() => h.slack.messages('C0ARCH001').some((m) => text(m).includes('set the question of the day')), 5000, 'announcement');
  h.slack.archiveChannel('C0ARCH001');
  await job.promote();
  await eventually(async () => (await h.bot.queues.qotd.getJobSchedulersCount()) === 0, 8000, 'scheduler removed');
  await h.driver.command({ text: 'schedule', userId: USERS.admin, channelId: 'C0ARCH001' });
  const shown = await eventually(() => h.slack.ephemeralsFor(USERS.admin).map(text).find((t) => t.includes('Paused')), 5000, 'paused');
  expect(shown).toContain('archived');
  expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0ARCH001' && c.outcome !== 'ok').length).toBe(1);
});

test('HTTP 429 from Slack: the post waits Retry-After and goes out once', async () => {
  await schedule(USERS.admin, '09:30 UTC daily');
  const job = await schedulerJob();
  // The announcement is a chat.postMessage too: let it go out before Slack starts refusing.
  await eventually(() => h.slack.messages(CHANNEL).some((m) => text(m).includes('set the question of the day')), 5000, 'announcement');
  h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
  const start = Date.now();
  await job.promote();
  await eventually(() => qotdPosts().length === 1, 10000, 'post after rate limit');
  expect(Date.now() - start).toBeGreaterThanOrEqual(1900);
  await new Promise((r) => setTimeout(r, 500));
  expect(qotdPosts()).toHaveLength(1);
  expect(h.slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'http:429')).toHaveLength(2);
});
