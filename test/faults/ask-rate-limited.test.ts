/**
 * A question asked for with `/devops-quiz` while Slack answers 429: it is posted once Slack lets the bot post again
 * (Retry-After, however many 429s in a row), the person is told privately that it is on its way, and a command
 * delivered twice posts one question.
 */
import { bootBot, CHANNEL, eventually, USERS, type BotHarness } from '../support/bot-harness';

let h: BotHarness;

beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const questions = () => h.slack.messages(CHANNEL).filter((m) => JSON.stringify(m.blocks ?? []).includes('reveal_answer'));
const privateTexts = (responseUrl: string) => h.slack.responsesTo(responseUrl).filter((r) => r.status === 200).map((r) => String(r.body?.text ?? ''));

test('three 429s in a row: the question still appears, once, and the person is told it is delayed', async () => {
  h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 3);
  const sent = await h.driver.command({ text: '', userId: USERS.alice, channelId: CHANNEL });
  expect(sent.status).toBe(200);

  const [question] = await eventually(() => (questions().length ? questions() : null), 15_000, 'the asked-for question');
  await h.waitForPost(question.ts);
  expect(JSON.stringify(question.blocks)).toContain(`asked by <@${USERS.alice}>`);
  expect(h.slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'http:429')).toHaveLength(3);

  // Told once, privately, through the command's own response_url; never told it failed.
  const told = privateTexts(sent.responseUrl);
  expect(told.filter((t) => /slow down/i.test(t))).toHaveLength(1);
  expect(told.join('\n')).toMatch(/your question will appear in about \d+ s/i);
  expect(told.join('\n')).not.toMatch(/went wrong/i);

  await new Promise((r) => setTimeout(r, 1500));
  expect(questions()).toHaveLength(1);
}, 30_000);

test('the same command delivered twice (one trigger_id) posts one question', async () => {
  const first = await h.driver.command({ text: '', userId: USERS.bob, channelId: CHANNEL });
  await h.driver.command({ text: '', userId: USERS.bob, channelId: CHANNEL, triggerId: first.triggerId, responseUrl: first.responseUrl });
  const [question] = await eventually(() => (questions().length ? questions() : null), 8000, 'the asked-for question');
  await h.waitForPost(question.ts);
  await new Promise((r) => setTimeout(r, 1500));
  expect(questions()).toHaveLength(1);
}, 20_000);

test('a channel the bot is not in: the person is told to invite it', async () => {
  h.slack.addChannel({ id: 'C0NOBOT01', name: 'no-bot', members: [USERS.alice], requireMembership: true, botIsMember: false });
  const sent = await h.driver.command({ text: '', userId: USERS.alice, channelId: 'C0NOBOT01' });
  await eventually(() => privateTexts(sent.responseUrl).some((t) => /invite me/i.test(t)), 8000, 'the invite hint');
  expect(h.slack.messages('C0NOBOT01')).toHaveLength(0);
}, 20_000);

test('behind the listener: the same ask queued twice, and again after its job was removed, posts one question', async () => {
  const req = { team: h.slack.team.id, channel: CHANNEL, user: USERS.carol, level: null, topics: [], trigger: '1700000000.1.abc', askedAt: Date.now(), replyTo: null };
  await Promise.all([h.bot.deps.jobs.askQuestion(req), h.bot.deps.jobs.askQuestion(req)]);
  const [question] = await eventually(() => (questions().length ? questions() : null), 8000, 'the asked-for question');
  await h.waitForPost(question.ts);
  // The job id guards while the job is kept; the claim in Redis guards after it is gone.
  const job = await eventually(async () => (await h.bot.queues.tasks.getJobs(['completed'])).find((j) => j.name === 'ask'), 5000, 'ask job done');
  await job.remove();
  await h.bot.deps.jobs.askQuestion(req);
  await eventually(async () => (await h.bot.queues.tasks.getJobs(['completed'])).some((j) => j.name === 'ask'), 5000, 'the re-added job done');
  expect(questions()).toHaveLength(1);
}, 20_000);
