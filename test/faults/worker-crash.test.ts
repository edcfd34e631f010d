/**
 * kill -9 of a worker process in the middle of a scheduled post: the other worker takes the
 * job over and the question is posted exactly once, whether or not Slack had stored the post
 * before the crash.
 */
import path from 'node:path';
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';
import { SIGNING_SECRET, FIXTURE_PACKS, REDIS_URL } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';

const WORKER_MAIN = path.resolve(__dirname, '../support/worker-main.ts');

let h: BotHarness;
let workers: BotProcess[] = [];

beforeEach(async () => {
  h = await bootBot({ env: { ROLE: 'web' } });
  workers = ['worker-a', 'worker-b'].map(
    (name) =>
      new BotProcess(
        {
          ROLE: 'worker',
          WORKER_NAME: name,
          SLACK_BOT_TOKEN: 'xoxb-crash-test',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: h.slack.apiUrl,
          REDIS_URL,
          REDIS_KEY_PREFIX: h.prefix,
          CONTENT_DIR: FIXTURE_PACKS,
          LOG_LEVEL: 'warn',
        },
        WORKER_MAIN,
      ),
  );
  await Promise.all(workers.map((w) => w.start()));
}, 40_000);

afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop('SIGKILL')));
  await h.stop();
});

const qotdMessages = () => h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'qotd_posted');

async function crashDuringPost(fault: { delayMs: number; status?: number } = { delayMs: 1500 }): Promise<void> {
  await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: CHANNEL });
  const id = BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL);
  const job = await eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 8000, 'scheduler job');

  // Slack takes 1.5 s to answer: the worker running the job dies while it waits.
  h.slack.failNext('chat.postMessage', fault);
  await job.promote();
  await h.slack.waitFor((c) => c.method === 'chat.postMessage' && Boolean(c.args.metadata), { timeoutMs: 10_000 });
  const running = await h.bot.queues.qotd.getJob(job.id!);
  const victim = workers.find((w) => running?.processedBy?.startsWith(w === workers[0] ? 'worker-a' : 'worker-b')) ?? workers[0];
  await victim.stop('SIGKILL');
}

test('Slack stored the post before the crash: the surviving worker finds it and does not post again', async () => {
  await crashDuringPost();
  // The stand-in stores the message 1.5 s in, after the worker is gone; the other worker
  // detects the stalled job, finds the post by its metadata and adopts it.
  await eventually(async () => {
    const counts = await h.bot.queues.qotd.getJobCounts('completed');
    return counts.completed >= 1;
  }, 20_000, 'job completed by the other worker');
  await new Promise((r) => setTimeout(r, 1000));
  expect(qotdMessages()).toHaveLength(1);
  const claim = await h.redis.keys(`${h.prefix}:*:qotd:*`);
  expect(JSON.parse((await h.redis.get(claim[0]))!)).toMatchObject({ state: 'posted', ts: qotdMessages()[0].ts });
  // The post is answerable: its record was written by the worker that adopted it.
  expect(await h.redis.exists(h.channelKeys().post(qotdMessages()[0].ts))).toBe(1);
}, 40_000);

test('the crashed attempt never reached Slack: the surviving worker posts it, once', async () => {
  // Slack answers the dying request with an error after 1.5 s, storing nothing.
  await crashDuringPost({ delayMs: 1500, status: 500 });
  await eventually(() => qotdMessages().length === 1, 20_000, 'posted by the other worker');
  await new Promise((r) => setTimeout(r, 1000));
  expect(qotdMessages()).toHaveLength(1);
}, 40_000);

const askedMessages = () => h.slack.messages(CHANNEL).filter((m) => m.metadata?.event_type === 'question_posted');

/** `/devops-quiz` by bob; Slack is slow to answer the post, and the worker running its job dies meanwhile. */
async function crashDuringAsk(fault: { delayMs: number; status?: number }): Promise<void> {
  h.slack.failNext('chat.postMessage', fault);
  await h.driver.command({ text: '', userId: USERS.bob, channelId: CHANNEL });
  await h.slack.waitFor((c) => c.method === 'chat.postMessage' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'question_posted', { timeoutMs: 10_000 });
  const [running] = await h.bot.queues.tasks.getJobs(['active']);
  const victim = workers.find((_, i) => running?.processedBy?.startsWith(i === 0 ? 'worker-a' : 'worker-b')) ?? workers[0];
  await victim.stop('SIGKILL');
}

test('an asked-for question Slack stored before the crash: the other worker adopts it, nobody sees it twice', async () => {
  await crashDuringAsk({ delayMs: 1500 });
  // It waits out the dead attempt's in-flight window, then finds the post by its metadata.
  await eventually(async () => (await h.bot.queues.tasks.getJobs(['completed'])).some((j) => j.name === 'ask'), 40_000, 'ask job completed by the other worker');
  await new Promise((r) => setTimeout(r, 1000));
  expect(askedMessages()).toHaveLength(1);
  expect(await h.redis.exists(h.channelKeys().post(askedMessages()[0].ts))).toBe(1);
}, 60_000);

test('an asked-for question that never reached Slack before the crash: the other worker posts it, once', async () => {
  await crashDuringAsk({ delayMs: 1500, status: 500 });
  await eventually(() => askedMessages().length === 1, 30_000, 'posted by the other worker');
  await new Promise((r) => setTimeout(r, 1000));
  expect(askedMessages()).toHaveLength(1);
}, 45_000);
