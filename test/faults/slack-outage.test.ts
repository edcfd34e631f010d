/**
 * Slack has a bad minute while five channels are due: bursts of HTTP 429 with Retry-After, 5xx
 * answers, and one post that Slack stored but whose answer was lost. Every due post arrives
 * exactly once, and none later than the limits require.
 */
import { bootBot, eventually, USERS, type BotHarness } from '../support/bot-harness';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { IN_FLIGHT_MS } from '../../src/quiz/qotd';

let h: BotHarness;
const CHANNELS = ['C0OUT0001', 'C0OUT0002', 'C0OUT0003', 'C0OUT0004', 'C0OUT0005'];

beforeEach(async () => {
  h = await bootBot();
  for (const id of CHANNELS) h.slack.addChannel({ id, name: id.toLowerCase(), members: [USERS.admin] });
});
afterEach(async () => {
  await h.stop();
});

const delivered = () =>
  h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.outcome === 'ok' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'qotd_posted');
const stored = (channel: string) => h.slack.messages(channel).filter((m) => m.metadata?.event_type === 'qotd_posted');

async function dueNow(injectFaults: () => void): Promise<void> {
  for (const channel of CHANNELS) await h.driver.command({ text: 'schedule 09:30 UTC daily', userId: USERS.admin, channelId: channel });
  // The announcements are posted after the commands' acks: wait for all five, so no injected fault meets one.
  await eventually(
    () => CHANNELS.every((c) => h.slack.calls.some((call) => call.method === 'chat.postMessage' && call.outcome === 'ok' && call.args.channel === c && !call.args.metadata)),
    8000,
    'five schedule announcements',
  );
  const jobs = await eventually(async () => {
    const delayed = await h.bot.queues.qotd.getDelayed();
    return delayed.length === CHANNELS.length ? delayed : null;
  }, 8000, 'five scheduler jobs');
  expect(new Set(jobs.map((j) => j.id!.split(':')[1])).size).toBe(CHANNELS.length);
  expect(jobs.map((j) => j.id!.split(':')[1]).sort()).toEqual(CHANNELS.map((c) => BullQuizJobs.schedulerId(h.slack.team.id, c)).sort());
  injectFaults(); // after the schedules' own announcements, so only the due posts meet them
  await Promise.all(jobs.map((j) => j.promote()));
}

test('429 bursts and 5xx: each channel gets its question once, 429s wait exactly Retry-After', async () => {
  const start = Date.now();
  await dueNow(() => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 2 }, 4);
    h.slack.failNext('chat.postMessage', { status: 503 }, 2);
  });
  await eventually(() => CHANNELS.every((c) => stored(c).length >= 1), 20_000, 'every channel posted');
  const elapsed = Date.now() - start;
  await new Promise((r) => setTimeout(r, 1500));
  for (const channel of CHANNELS) expect(stored(channel)).toHaveLength(1);
  expect(delivered()).toHaveLength(CHANNELS.length);
  // The rate-limited posts waited for Slack's Retry-After (2 s) and not for a backoff of minutes.
  expect(elapsed).toBeGreaterThanOrEqual(2000);
  expect(elapsed).toBeLessThan(15_000);
  const limited = h.slack.calls.filter((c) => c.outcome === 'http:429');
  expect(limited).toHaveLength(4);
  for (const call of limited) {
    const retry = h.slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === call.args.channel && c.at > call.at);
    expect(retry).toBeDefined();
    expect(retry!.at - call.at).toBeGreaterThanOrEqual(1900);
  }
}, 40_000);

test('a post Slack stored but whose answer was lost is found again, not posted twice', async () => {
  await dueNow(() => h.slack.failNext('chat.postMessage', { dropAfterStore: true }));
  await eventually(() => CHANNELS.every((c) => stored(c).length >= 1), 10_000, 'every channel has its post');
  // The attempt that lost its answer waits out the in-flight window, then adopts its post.
  await eventually(async () => (await h.bot.queues.qotd.getJobCounts('completed')).completed === CHANNELS.length, IN_FLIGHT_MS + 15_000, 'all jobs done');
  for (const channel of CHANNELS) expect(stored(channel)).toHaveLength(1);
  const claims = await h.redis.keys(`${h.prefix}:*:qotd:*`);
  expect(claims).toHaveLength(CHANNELS.length);
  for (const key of claims) expect(JSON.parse((await h.redis.get(key))!).state).toBe('posted');
}, 60_000);
