/**
 * The scheduler watchdog: a channel scheduler that stopped silently (no next job, as happens
 * when the cron library cannot compute a run) is recreated; one whose schedule was removed goes.
 */
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

async function stopSilently(channel: string): Promise<string> {
  const id = BullQuizJobs.schedulerId(h.slack.team.id, channel);
  const job = await eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 8000, 'scheduler job');
  // What a failed next-run computation leaves: the scheduler's next run in the past, no job
  // waiting. BullMQ will not remove a scheduler's job, so the test deletes it underneath.
  const queueKey = `${h.prefix}-jobs:qotd`;
  await h.redis.multi().zrem(`${queueKey}:delayed`, job.id!).del(`${queueKey}:${job.id}`).exec();
  await h.redis.zadd(`${h.prefix}-jobs:qotd:repeat`, Date.now() - 3_600_000, id);
  expect((await h.bot.queues.qotd.getJobScheduler(id))?.next).toBeLessThan(Date.now());
  return id;
}

async function runWatchdog(): Promise<unknown> {
  const job = await eventually(async () => (await h.bot.queues.tasks.getDelayed()).find((j) => j.name === 'watchdog'), 8000, 'watchdog job');
  await job.promote();
  return eventually(async () => (await h.bot.queues.tasks.getJob(job.id!))?.returnvalue, 8000, 'watchdog report');
}

test('a stopped scheduler is recreated, an orphaned one removed', async () => {
  h.slack.addChannel({ id: 'C0GONE001', name: 'gone', members: [USERS.admin] });
  await h.driver.command({ text: 'schedule 09:30 Europe/Berlin weekdays', userId: USERS.admin, channelId: CHANNEL });
  await h.driver.command({ text: 'schedule 10:00 UTC daily', userId: USERS.admin, channelId: 'C0GONE001' });
  const stopped = await stopSilently(CHANNEL);
  const orphan = await stopSilently('C0GONE001');
  await h.redis.del(h.channelKeys('C0GONE001').schedule); // its schedule was removed behind the scheduler's back

  const report = await runWatchdog();
  expect(report).toMatchObject({ revived: [stopped], removed: [orphan] });
  const revived = await h.bot.queues.qotd.getJobScheduler(stopped);
  expect(revived?.next).toBeGreaterThan(Date.now());
  expect(revived?.pattern).toBe('30 9 * * 1,2,3,4,5');
  expect((await h.bot.queues.qotd.getDelayed()).some((j) => j.id?.startsWith(`repeat:${stopped}:`))).toBe(true);
  expect(await h.bot.queues.qotd.getJobScheduler(orphan)).toBeFalsy();
});

test('healthy schedulers are left alone (re-upserting could drop a due run)', async () => {
  await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL });
  const id = BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL);
  const before = await eventually(() => h.bot.queues.qotd.getJobScheduler(id), 5000, 'scheduler');
  expect(await runWatchdog()).toMatchObject({ checked: 1, revived: [], removed: [] });
  expect((await h.bot.queues.qotd.getJobScheduler(id))?.next).toBe(before.next);
});
