/**
 * The review-by-DM tests' vocabulary over a bot harness: make a card as a person does (a question, Reveal, a level
 * below it), take the offer, let a person's next delivery day come (their delayed job promoted, as the playground's
 * ⏩ does), read their DMs.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LocalSlack, SlackDriver, StoredMessage } from '../../dev/local-slack';
import { BullReviewJobs } from '../../src/jobs/review-jobs';
import { REVIEW_DM_EVENT } from '../../src/model/review-dms';
import { Keys } from '../../src/store/keys';
import { CHANNEL, eventually } from './bot-harness';

/** What the helpers need: the workspace, the driver, Redis and the bot's tasks queue, under the bot's key prefix. */
export interface ReviewWorld {
  slack: LocalSlack;
  driver: SlackDriver;
  redis: Redis;
  prefix: string;
  tasks: Queue;
}

export function bodyOf(message: { text?: string; blocks?: unknown[] } | undefined): string {
  return JSON.stringify(message?.blocks ?? []) + (message?.text ?? '');
}

/** The DM channel of the bot and a person, as the stand-in names it. */
export const imOf = (user: string) => `D${user.slice(1)}`;

/** The person's review DMs, oldest first. */
export function reviewDms(w: ReviewWorld, user: string): StoredMessage[] {
  return w.slack.messages(imOf(user)).filter((m) => m.metadata?.event_type === REVIEW_DM_EVENT);
}

/** The question ids a review DM carries, from its metadata. */
export function dmQuestions(dm: StoredMessage): string[] {
  return JSON.parse(String(dm.metadata?.event_payload?.questions ?? '[]')) as string[];
}

/** A person's delivery state as stored: the slot of their next delivery job. */
export async function nextSlot(w: ReviewWorld, user: string): Promise<number | null> {
  const next = await w.redis.hget(new Keys(w.prefix).reviewDm(w.slack.team.id, user).state, 'next');
  return next === null ? null : Number(next);
}

/**
 * `user` asks for a question in #devops-practice, reveals it and answers Not yet: a card. Returns the question's
 * message; the first card also brings the offer.
 */
export async function answerNotYet(w: ReviewWorld, user: string, text = ''): Promise<StoredMessage> {
  const before = w.slack.messages(CHANNEL).length;
  expect((await w.driver.command({ text, userId: user, channelId: CHANNEL })).status).toBe(200);
  const question = await eventually(() => w.slack.messages(CHANNEL).slice(before).find((m) => bodyOf(m).includes('reveal_answer')), 8000, 'question posted');
  await eventually(() => w.redis.exists(new Keys(w.prefix).channel(w.slack.team.id, CHANNEL).post(question.ts)), 5000, 'post recorded');
  await w.driver.clickButton({ userId: user, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => w.slack.thread(CHANNEL, question.ts).find((m) => m.ts !== question.ts), 8000, 'answer in the thread');
  const confirmations = w.slack.ephemeralsFor(user, { channelId: CHANNEL }).length;
  await w.driver.clickButton({ userId: user, channelId: CHANNEL, ts: answer.ts, actionId: 'record_level_0' });
  await eventually(() => w.slack.ephemeralsFor(user, { channelId: CHANNEL }).length > confirmations, 5000, 'level recorded');
  return question;
}

/** Clicks "Yes, review by DM" on the person's offer and waits for the confirmation. */
export async function acceptOffer(w: ReviewWorld, user: string): Promise<void> {
  const offer = await eventually(() => w.slack.ephemeralsFor(user, { channelId: CHANNEL }).find((e) => bodyOf(e).includes('review_consent_yes')), 5000, 'the offer');
  await w.driver.clickButton({ userId: user, channelId: CHANNEL, ts: offer.message_ts, actionId: 'review_consent_yes' });
  await eventually(() => w.slack.ephemeralsFor(user, { channelId: CHANNEL }).some((e) => bodyOf(e).includes('Reviews by DM are on')), 5000, 'reviews on');
  await eventually(() => nextSlot(w, user), 5000, 'the first delivery scheduled');
}

/**
 * The person's next delivery day comes: their delayed job is promoted and runs (naming the next), and the DM it
 * queues, if any, goes out. Returns the slot it ran for and the DM sent for it (null when nothing was due).
 */
export async function runNextDay(w: ReviewWorld, user: string): Promise<{ slot: number; dm: StoredMessage | null }> {
  const team = w.slack.team.id;
  const slot = await eventually(() => nextSlot(w, user), 5000, 'a next delivery');
  const dayId = BullReviewJobs.dayJobId(team, user, slot);
  const job = await eventually(() => w.tasks.getJob(dayId), 5000, `day job ${dayId}`);
  const before = reviewDms(w, user).length;
  await job.promote();
  // Day jobs are removed once done; the state then names the next one.
  await eventually(async () => !(await w.tasks.getJob(dayId)) && (await nextSlot(w, user)) !== slot, 10_000, 'the day job done');
  const send = await w.tasks.getJob(BullReviewJobs.sendJobId(team, user, slot));
  if (!send) return { slot, dm: null };
  await eventually(async () => (await w.tasks.getJob(send.id!))?.finishedOn, 15_000, 'the DM job done');
  return { slot, dm: reviewDms(w, user)[before] ?? null };
}

/** Days pass (up to `days` delivery days) until one brings a DM. */
export async function nextDm(w: ReviewWorld, user: string, days = 4): Promise<{ slot: number; dm: StoredMessage }> {
  for (let i = 0; i < days; i++) {
    const { slot, dm } = await runNextDay(w, user);
    if (dm) return { slot, dm };
  }
  throw new Error(`no review DM for ${user} within ${days} delivery days`);
}

/** Clicks a button of a DM and waits until the DM has been redrawn (or `settled` holds). */
export async function clickDm(w: ReviewWorld, user: string, dm: StoredMessage, actionId: string, settled: (m: StoredMessage) => boolean): Promise<StoredMessage> {
  const res = await w.driver.clickButton({ userId: user, channelId: imOf(user), ts: dm.ts, actionId });
  expect(res.status).toBe(200);
  return eventually(() => {
    const now = w.slack.message(imOf(user), dm.ts);
    return now && settled(now) ? now : null;
  }, 8000, `${actionId} shown on the DM`);
}
