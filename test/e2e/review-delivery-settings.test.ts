/**
 * Reviews by DM follow the person's settings: `review off` stops them (a delivery job left over from before sends
 * nothing), `review on` brings them back, `review pause` holds them and moves the cards, so the next DM comes after
 * the hold. Two workers send one DM per person per day, however often the day's jobs run.
 */
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';
import { acceptOffer, answerNotYet, bodyOf, nextDm, nextSlot, reviewDms, type ReviewWorld } from '../support/review-delivery';
import { BullReviewJobs } from '../../src/jobs/review-jobs';
import { Keys } from '../../src/store/keys';
import { localDate } from '../../src/quiz/periods';

let h: BotHarness;
let w: ReviewWorld;
let jobs: BullReviewJobs;

beforeEach(async () => {
  h = await bootBot();
  w = { slack: h.slack, driver: h.driver, redis: h.redis, prefix: h.prefix, tasks: h.bot.queues.tasks };
  jobs = new BullReviewJobs(h.bot.queues.tasks);
});
afterEach(async () => {
  await h.stop();
});

async function review(user: string, words: string, reply: string): Promise<void> {
  expect((await h.driver.command({ text: `review ${words}`, userId: user, channelId: CHANNEL })).status).toBe(200);
  await eventually(() => h.slack.ephemeralsFor(user, { channelId: CHANNEL }).some((e) => bodyOf(e).includes(reply)), 5000, reply);
}

/** Runs a job of the person's for `slot` as a redelivery would (a day job, then a send job) and waits for both. */
async function replay(user: string, slot: number): Promise<void> {
  const team = h.slack.team.id;
  await jobs.scheduleDay(team, user, slot, 0);
  await eventually(async () => !(await h.bot.queues.tasks.getJob(BullReviewJobs.dayJobId(team, user, slot))), 8000, 'the replayed day job done');
  const send = await h.bot.queues.tasks.add('review-send', { team, user, at: slot }, { jobId: `replayed-${user}-${slot}` });
  await eventually(async () => (await h.bot.queues.tasks.getJob(send.id!))?.finishedOn, 8000, 'the replayed send job done');
}

test('`review off` stops the DMs, even from a delivery job left over; `review on` brings them back', async () => {
  const bob = USERS.bob;
  await answerNotYet(w, bob);
  await acceptOffer(w, bob);
  const slot = (await nextSlot(w, bob))!;
  await review(bob, 'off', 'Reviews by DM are off');
  expect(await nextSlot(w, bob)).toBeNull();
  expect(await h.bot.queues.tasks.getJob(BullReviewJobs.dayJobId(h.slack.team.id, bob, slot))).toBeUndefined();
  // The old day's job runs anyway, and a day later: no DM.
  await replay(bob, slot);
  await replay(bob, slot + 24 * 3600_000);
  expect(reviewDms(w, bob)).toHaveLength(0);
  expect(await nextSlot(w, bob)).toBeNull();

  await review(bob, 'on', 'Reviews by DM are on');
  const { dm } = await nextDm(w, bob);
  expect(bodyOf(dm)).toContain('How well did you know it now?');
}, 60_000);

test('`review pause 3d` holds the DMs until the hold is over and moves the cards by as long', async () => {
  const bob = USERS.bob;
  await answerNotYet(w, bob);
  await acceptOffer(w, bob);
  const before = (await nextSlot(w, bob))!;
  const k = new Keys(h.prefix).review(h.slack.team.id, bob);
  const [questionId] = await h.redis.zrange(k.due, '0', '0');
  const dueBefore = Number(await h.redis.zscore(k.due, questionId));

  await review(bob, 'pause 3d', 'Paused for 3 days');
  const pausedUntil = Number(await h.redis.hget(k.settings, 'pausedUntil'));
  expect(Number(await h.redis.zscore(k.due, questionId))).toBe(dueBefore + 3 * 24 * 3600_000);
  const next = (await nextSlot(w, bob))!;
  expect(next).toBeGreaterThanOrEqual(pausedUntil);
  // The job of the slot before the pause is gone; run anyway, it sends nothing.
  await replay(bob, before);
  expect(reviewDms(w, bob)).toHaveLength(0);

  const { slot, dm } = await nextDm(w, bob);
  expect(slot).toBeGreaterThanOrEqual(pausedUntil);
  expect(String(dm.metadata?.event_payload?.occurrence)).toBe(`${bob}/${localDate(new Date(slot), 'America/New_York')}`);
  expect(reviewDms(w, bob)).toHaveLength(1);
}, 60_000);

test('two workers, each day\'s jobs run twice at once: one DM per person per day', async () => {
  await h.startAnother({ ROLE: 'worker' });
  const people = [USERS.alice, USERS.bob, USERS.carol];
  for (const user of people) {
    await answerNotYet(w, user);
    await acceptOffer(w, user);
  }
  const team = h.slack.team.id;
  const sentDays = new Map<string, Set<string>>(people.map((u) => [u, new Set()]));
  for (let day = 0; day < 3; day++) {
    const slots = await Promise.all(people.map(async (u) => (await nextSlot(w, u))!));
    // The playground's ⏩: every person's next day at once, each day job and each DM job also a second time.
    expect(await jobs.promoteNext({ review: h.bot.deps.review, dms: h.bot.deps.reviewDms }, team)).toBe(3);
    await Promise.all(
      people.map(async (user, i) => {
        await h.bot.queues.tasks.add('review-send', { team, user, at: slots[i] }, { jobId: `twice-${user}-${slots[i]}` });
        await jobs.scheduleDay(team, user, slots[i], 0);
      }),
    );
    await eventually(async () => (await h.bot.queues.tasks.getJobCounts('active', 'wait', 'prioritized')).active === 0 && (await h.bot.queues.tasks.getWaitingCount()) === 0, 15_000, 'the day\'s jobs done');
    await new Promise((r) => setTimeout(r, 500));
    for (const user of people) for (const dm of reviewDms(w, user)) sentDays.get(user)!.add(String(dm.metadata?.event_payload?.occurrence));
  }
  for (const user of people) {
    // Every DM is for a day of its own: as many DMs as days they were sent on.
    expect(reviewDms(w, user).length).toBe(sentDays.get(user)!.size);
    expect(reviewDms(w, user).length).toBeGreaterThanOrEqual(1);
  }
}, 90_000);

test('`forget me` deletes the reviews by DM too; the delivery job still waiting sends nothing', async () => {
  const bob = USERS.bob;
  await answerNotYet(w, bob);
  await acceptOffer(w, bob);
  await nextDm(w, bob);
  const slot = (await nextSlot(w, bob))!;
  const pattern = new Keys(h.prefix).reviewDm(h.slack.team.id, bob).pattern;
  expect((await h.redis.keys(pattern)).length).toBeGreaterThan(0);
  await h.driver.command({ text: 'forget me', userId: bob, channelId: CHANNEL });
  await eventually(async () => (await h.redis.keys(pattern)).length === 0, 5000, 'DM data deleted');
  const waiting = (await h.bot.queues.tasks.getJob(BullReviewJobs.dayJobId(h.slack.team.id, bob, slot)))!;
  await waiting.promote();
  await eventually(async () => !(await h.bot.queues.tasks.getJob(waiting.id!)), 8000, 'the waiting job done');
  expect(reviewDms(w, bob)).toHaveLength(1);
  expect((await h.redis.keys(pattern)).length).toBe(0);
}, 60_000);
