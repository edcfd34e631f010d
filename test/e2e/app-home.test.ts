/**
 * App Home end to end: opening the tab publishes the person's own Home (views.publish, at most 100 blocks, checked
 * by the local workspace as Slack checks a Home tab); its readiness numbers are the answers given in the channel,
 * the review ratings and the mock ratings received; it follows each answer and rating while the person uses Home;
 * and its controls change the review settings. Real Bolt over signed HTTP, Redis, BullMQ workers.
 */
import type { StoredMessage } from '../../dev/local-slack';
import { Keys } from '../../src/store/keys';
import { CHANNEL, eventually } from '../support/bot-harness';
import { at, bodyOf, mockInterviewBot, USERS } from '../support/mock-interview';

const { alice, bob, carol } = USERS;
const bot = mockInterviewBot();
const { openMock, question, click, titleOf, bankQuestion } = bot;
const h = () => bot.h;
const team = () => h().slack.team.id;

/** Every line of the person's published Home, as mrkdwn. */
function homeLines(user: string): string[] {
  const blocks = (h().slack.homeViews.get(user)?.view.blocks ?? []) as Array<{ text?: { text?: string }; elements?: Array<{ text?: string }> }>;
  return blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : ''))]).flatMap((t) => t.split('\n'));
}
const homeText = (user: string) => homeLines(user).join('\n');
const published = (user: string) => h().slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.outcome === 'ok').length;

/** Opens the person's Home tab and waits for the Home it publishes. */
async function openHome(user: string): Promise<string> {
  const before = published(user);
  const res = await h().driver.openHome(user);
  expect(res.status).toBe(200);
  await eventually(() => published(user) > before, 5000, `Home published for ${user}`);
  return homeText(user);
}

/** Uses a control on the person's Home and waits for Home to be drawn again. */
async function useHome(user: string, actionId: string, choice: { option?: string; date?: string } = {}): Promise<string> {
  const before = published(user);
  const res = await h().driver.homeAction({ userId: user, actionId, ...choice });
  expect(res.status).toBe(200);
  await eventually(() => published(user) > before, 5000, `Home redrawn after ${actionId}`);
  return homeText(user);
}

/** Asks for a question in the channel, reveals it, and returns its bank id and the answer message. */
async function ask(filter: string): Promise<{ id: string; answer: StoredMessage }> {
  const before = h().slack.messages(CHANNEL).length;
  await h().driver.command({ text: filter, userId: alice, channelId: CHANNEL });
  const posted = await eventually(() => h().slack.messages(CHANNEL)[before], 5000, `question (${filter})`);
  await h().waitForPost(posted.ts);
  await h().driver.clickButton({ userId: alice, channelId: CHANNEL, ts: posted.ts, actionId: 'reveal_answer' });
  const answer = await eventually(() => h().slack.thread(CHANNEL, posted.ts).find((m) => m.ts !== posted.ts), 5000, 'answer');
  const post = await h().bot.deps.posts.get(team(), CHANNEL, posted.ts);
  return { id: post!.questionId, answer };
}

async function vote(user: string, answer: StoredMessage, score: number): Promise<void> {
  const seen = h().slack.ephemeralsFor(user, { channelId: CHANNEL }).length;
  await h().driver.clickButton({ userId: user, channelId: CHANNEL, ts: answer.ts, actionId: `record_level_${score}` });
  await eventually(() => h().slack.ephemeralsFor(user, { channelId: CHANNEL }).slice(seen).some((e) => /Recorded|Changed from/.test(bodyOf(e))), 5000, 'vote recorded');
}

const SCORE = { beginner: 1, intermediate: 2, advanced: 3 } as const;

/** What Home must say: per category, per level in the bank's order, answers at or above the level of all answers. */
class Expected {
  private readonly cells = new Map<string, Map<string, { total: number; atLevel: number }>>();
  add(questionId: string, score: number, replaces: number | null = null): void {
    const q = h().bot.deps.questions.get(questionId)!;
    const levels = this.cells.get(q.category) ?? new Map<string, { total: number; atLevel: number }>();
    this.cells.set(q.category, levels);
    const cell = levels.get(q.level) ?? { total: 0, atLevel: 0 };
    levels.set(q.level, cell);
    if (replaces === null) cell.total += 1;
    else if (replaces >= SCORE[q.level]) cell.atLevel -= 1;
    if (score >= SCORE[q.level]) cell.atLevel += 1;
  }
  line(category: string): string {
    const emoji = { beginner: '🟢', intermediate: '🟡', advanced: '🔴' } as const;
    const levels = this.cells.get(category)!;
    return `• ${category}: ${(['beginner', 'intermediate', 'advanced'] as const)
      .filter((l) => levels.has(l))
      .map((l) => `${emoji[l]} ${levels.get(l)!.atLevel} of ${levels.get(l)!.total}`)
      .join(' · ')}`;
  }
  categories(): string[] {
    return [...this.cells.keys()];
  }
  get totals(): { total: number; atLevel: number } {
    const all = [...this.cells.values()].flatMap((m) => [...m.values()]);
    return { total: all.reduce((n, c) => n + c.total, 0), atLevel: all.reduce((n, c) => n + c.atLevel, 0) };
  }
}

test("Home's readiness is the answers given: channel answers, a review rating and mock ratings; it follows each of them", async () => {
  const expected = new Expected();
  // Channel answers at known levels, one of them changed.
  const beginner = await ask('beginner containers');
  await vote(bob, beginner.answer, 1);
  expected.add(beginner.id, 1);
  await vote(bob, beginner.answer, 0);
  expected.add(beginner.id, 0, 1);

  // Bob opens Home: what he gave so far, and from now on his answers refresh it.
  let home = await openHome(bob);
  expect(home).toContain(expected.line('Containers'));
  expect(home).toContain('Only you can see this page');

  const advanced = await ask('advanced');
  await vote(bob, advanced.answer, 1); // below its level: a review card
  expected.add(advanced.id, 1);
  const pipelines = await ask('intermediate pipelines');
  await vote(bob, pipelines.answer, 3);
  expected.add(pipelines.id, 3);
  await vote(carol, pipelines.answer, 2); // Carol never opened Home: nothing is published for her
  const networking = await ask('beginner networking');
  await vote(bob, networking.answer, 0);
  expected.add(networking.id, 0);
  await eventually(() => homeText(bob).includes(expected.line('Networking')), 8000, 'Home refreshed after the answers');
  expect(homeText(bob)).toContain(expected.line('Pipelines'));
  expect(homeText(bob)).toMatch(/<#C0QUIZ001>: \d+ points, rank \d+, 4 answered/);

  // A review: reviews on from Home, the advanced card comes due, today's reviews now, rated in the DM.
  await useHome(bob, 'home_review_on');
  // Its day comes: the card is due now (as days passing would make it).
  await h().redis.zadd(new Keys(h().prefix).review(team(), bob).due, 'XX', Date.now() - 60_000, advanced.id);
  home = await openHome(bob);
  expect(home).toContain('Due today (1)');
  await useHome(bob, 'home_reviews_now');
  expect(homeText(bob)).toContain('1 review on the way');
  const im = h().slack.imFor(bob).id;
  const dm = await eventually(() => h().slack.messages(im).find((m) => bodyOf(m).includes('review_rate_0_3')), 8000, 'review DM');
  await h().driver.clickButton({ userId: bob, channelId: im, ts: dm.ts, actionId: 'review_rate_0_3' });
  expected.add(advanced.id, 3);
  await eventually(() => homeText(bob).includes(expected.line('Pipelines')), 8000, 'Home refreshed after the review rating');

  // Mock ratings received: Alice interviews Bob on the two intermediate Pipelines questions.
  const parent = await openMock(alice, `${at(bob)} 2 intermediate pipelines`);
  await click(bob, parent.ts, 'interview_start');
  const q1 = await question(parent, 1);
  await click(alice, q1.ts, 'interview_rate_2');
  expected.add(bankQuestion(titleOf(q1)).id, 2);
  const q2 = await question(parent, 2);
  await click(alice, q2.ts, 'interview_rate_1');
  expected.add(bankQuestion(titleOf(q2)).id, 1);
  await eventually(() => homeText(bob).includes('Latest, in <#C0QUIZ001>'), 8000, 'Home refreshed after the interview');

  // Bob opens Home: every number is what was given.
  home = await openHome(bob);
  for (const category of expected.categories()) expect(homeLines(bob)).toContain(expected.line(category));
  const { total, atLevel } = expected.totals;
  expect(home).toContain(`*Interview Drills*: ${atLevel} of ${total} answers at level`);
  expect(home).toContain('*🎤 Mock interviews*: 0 given, 1 taken.');
  expect(home).toMatch(/2 questions, 2 rated; overall 🟢 Beginner|2 questions, 2 rated; overall 🟡 Intermediate/);
  // Self-reports on intermediate Pipelines: 3 (channel); interviewers: 2 and 1 on average 1.5.
  expect(home).toContain('You rate yourself about a level and a half above your interviewers in *Interview Drills* (1 answer on both sides).');
  expect(h().slack.homeViews.get(bob)!.view.blocks.length).toBeLessThanOrEqual(100);
  // The interviewer's Home counts the interview as given; Carol, who never opened hers, got none.
  expect(await openHome(alice)).toContain('*🎤 Mock interviews*: 1 given, 0 taken.');
  expect(published(carol)).toBe(0);
  expect(h().slack.warnings).toEqual([]);
}, 90_000);

test('the review settings change from Home, as the review command would change them', async () => {
  const store = h().bot.deps.review.store;
  let home = await openHome(bob);
  expect(home).toContain('Reviews by DM: *off*');

  home = await useHome(bob, 'home_review_on');
  expect(home).toContain('Reviews by DM are on');
  expect(home).toContain('Reviews by DM: *on*, weekdays at 10:00 (America/New_York), at most 2 a day.');
  expect(await store.settings(team(), bob)).toMatchObject({ consent: 'yes', on: true, tz: 'America/New_York' });

  home = await useHome(bob, 'home_review_time', { option: '07:30' });
  expect(home).toContain('weekdays at 07:30 (America/New_York)');
  home = await useHome(bob, 'home_review_max', { option: '4' });
  expect(home).toContain('At most 4 a day.');
  expect(await store.settings(team(), bob)).toMatchObject({ time: '07:30', max: 4 });

  home = await useHome(bob, 'home_review_pause', { option: '14' });
  expect(home).toContain('Paused for 2 weeks');
  expect(home).toContain('🏖️ Paused until');
  expect((await store.settings(team(), bob)).pausedUntil).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
  home = await useHome(bob, 'home_review_resume');
  expect(home).toContain('the hold is over');
  expect((await store.settings(team(), bob)).pausedUntil).toBeNull();

  const date = new Date(Date.now() + 20 * 24 * 3600_000).toISOString().slice(0, 10);
  home = await useHome(bob, 'home_interview_date', { date });
  expect(home).toContain('Interview mode until');
  expect((await store.settings(team(), bob)).interviewUntil).toBe(date);
  home = await useHome(bob, 'home_interview_off');
  expect(home).toContain('Interview mode is off');
  home = await useHome(bob, 'home_interview_date', { date: '2020-01-01' });
  expect(home).toContain('`2020-01-01` is not after today');
  expect((await store.settings(team(), bob)).interviewUntil).toBeNull();

  home = await useHome(bob, 'home_review_off');
  expect(home).toContain('Reviews by DM are off');
  expect(await store.settings(team(), bob)).toMatchObject({ consent: 'yes', on: false });
  // Nothing due: the button that sends today's reviews is not there.
  expect(JSON.stringify(h().slack.homeViews.get(bob)!.view.blocks)).not.toContain('home_reviews_now');
}, 60_000);

test('a person with a huge history still gets a Home of at most 100 blocks, which Slack accepts', async () => {
  const keys = new Keys(h().prefix);
  const ready = keys.review(team(), bob).readiness;
  const batch = h().redis.pipeline();
  for (let p = 0; p < 40; p++) {
    for (let c = 0; c < 40; c++) {
      for (const level of ['beginner', 'intermediate', 'advanced']) {
        for (const source of ['channel', 'review', 'mock']) {
          batch.hset(ready, `${source}|n|${level}|pack${p}|Category ${c} <!channel>`, 5, `${source}|ok|${level}|pack${p}|Category ${c} <!channel>`, 2, `${source}|p|${level}|pack${p}|Category ${c} <!channel>`, 7);
        }
      }
    }
  }
  for (let i = 0; i < 60; i++) {
    const channel = `C0BIG${String(i).padStart(4, '0')}`;
    batch.zadd(keys.home(team(), bob).channels, i, channel);
    batch.zadd(keys.channel(team(), channel).board('all'), 100 + i, bob);
  }
  await batch.exec();
  const home = await openHome(bob);
  const view = h().slack.homeViews.get(bob)!.view;
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(home).toContain('…and 30 more packs');
  expect(home).not.toContain('<!channel>');
  expect(home).toContain('You rate yourself about the same as your interviewers do');
  // Every views.publish was accepted (the local workspace refuses what Slack would).
  expect(h().slack.callsTo('views.publish').every((c) => c.outcome === 'ok')).toBe(true);
}, 30_000);
