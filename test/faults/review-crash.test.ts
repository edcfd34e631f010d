/**
 * kill -9 of the worker sending a person's review DM, and an answer Slack lost: the other worker takes the job over
 * and the person gets one DM for the day, whether or not Slack had stored it (found in the DM by its metadata; the
 * DM channel itself looked up with conversations.open, since the first DM's answer never came back).
 */
import path from 'node:path';
import { bootBot, eventually, FIXTURE_PACKS, REDIS_URL, SIGNING_SECRET, USERS, type BotHarness } from '../support/bot-harness';
import { BotProcess } from '../support/bot-process';
import { acceptOffer, answerNotYet, nextSlot, reviewDms, type ReviewWorld } from '../support/review-delivery';
import { BullReviewJobs } from '../../src/jobs/review-jobs';
import { REVIEW_DM_EVENT } from '../../src/model/review-dms';
import { Keys } from '../../src/store/keys';

const WORKER_MAIN = path.resolve(__dirname, '../support/worker-main.ts');
const bob = USERS.bob;

let h: BotHarness;
let w: ReviewWorld;
let workers: BotProcess[] = [];

beforeEach(async () => {
  h = await bootBot({ env: { ROLE: 'web' } });
  w = { slack: h.slack, driver: h.driver, redis: h.redis, prefix: h.prefix, tasks: h.bot.queues.tasks };
  workers = ['worker-a', 'worker-b'].map(
    (name) =>
      new BotProcess(
        {
          ROLE: 'worker',
          WORKER_NAME: name,
          SLACK_BOT_TOKEN: 'xoxb-review-crash-test',
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
  await Promise.all(workers.map((p) => p.start()));
  await answerNotYet(w, bob);
  await acceptOffer(w, bob);
}, 60_000);

afterEach(async () => {
  await Promise.all(workers.map((p) => p.stop('SIGKILL')));
  await h.stop();
});

const isReviewPost = (c: { method: string; args: Record<string, unknown> }) => c.method === 'chat.postMessage' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === REVIEW_DM_EVENT;

/** Promotes bob's delivery days until one queues his DM (whose post then meets the fault). Returns that job's id. */
async function dayWithDm(): Promise<string> {
  const team = h.slack.team.id;
  for (let day = 0; day < 4; day++) {
    const slot = (await nextSlot(w, bob))!;
    const dayId = BullReviewJobs.dayJobId(team, bob, slot);
    await (await eventually(() => h.bot.queues.tasks.getJob(dayId), 5000, 'day job'))!.promote();
    await eventually(async () => !(await h.bot.queues.tasks.getJob(dayId)), 10_000, 'day job done');
    const send = await h.bot.queues.tasks.getJob(BullReviewJobs.sendJobId(team, bob, slot));
    if (send) return send.id!;
  }
  throw new Error('no delivery day with a DM');
}

async function crashDuringDm(fault: { delayMs: number; status?: number }): Promise<string> {
  h.slack.failNext('chat.postMessage', fault);
  const id = await dayWithDm();
  await h.slack.waitFor(isReviewPost, { timeoutMs: 10_000 });
  const running = await h.bot.queues.tasks.getJob(id);
  const victim = workers.find((_, i) => running?.processedBy?.startsWith(i === 0 ? 'worker-a' : 'worker-b')) ?? workers[0];
  await victim.stop('SIGKILL');
  return id;
}

async function oneDmAfter(id: string): Promise<void> {
  await eventually(async () => (await h.bot.queues.tasks.getJob(id))?.finishedOn, 45_000, 'the DM job finished by the other worker');
  await new Promise((r) => setTimeout(r, 1000));
  expect(reviewDms(w, bob)).toHaveLength(1);
  const date = String(reviewDms(w, bob)[0].metadata?.event_payload?.occurrence).split('/')[1];
  const claim = JSON.parse((await h.redis.get(new Keys(h.prefix).reviewDm(h.slack.team.id, bob).claim(date)))!);
  expect(claim).toMatchObject({ state: 'posted', ts: reviewDms(w, bob)[0].ts });
}

test('Slack stored the DM before the crash: the surviving worker finds it and sends nothing more', async () => {
  const id = await crashDuringDm({ delayMs: 1500 });
  await oneDmAfter(id);
  // The DM channel was looked up (the dead worker never heard Slack's answer), and the DM's buttons work.
  expect(h.slack.callsTo('conversations.open').length).toBeGreaterThanOrEqual(1);
  expect(await h.redis.exists(new Keys(h.prefix).reviewDm(h.slack.team.id, bob).message(reviewDms(w, bob)[0].ts))).toBe(1);
}, 90_000);

test('the crashed attempt never reached Slack: the surviving worker sends the DM, once', async () => {
  const id = await crashDuringDm({ delayMs: 1500, status: 500 });
  await oneDmAfter(id);
}, 90_000);

test('Slack took the DM but its answer was lost: the retry finds it and sends nothing more', async () => {
  h.slack.failNext('chat.postMessage', { dropAfterStore: true });
  const id = await dayWithDm();
  await oneDmAfter(id);
  expect(h.slack.calls.filter(isReviewPost)).toHaveLength(1);
}, 90_000);
