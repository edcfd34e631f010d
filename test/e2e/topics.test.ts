/**
 * Topic words are a finite vocabulary (pack ids, tags, categories and their aliases, whole words), and nothing is
 * kept for a question that was not posted: a flood of made-up filters in a channel the bot is not in leaves Redis
 * as it was.
 */
import path from 'node:path';
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { seededRandom } from '../support/random';

const TOPIC_PACKS = path.resolve(__dirname, '../fixtures/topic-packs');
const OUTSIDE = 'C0OUTSIDE1';

let h: BotHarness;
beforeEach(async () => {
  h = await bootBot({ contentDir: TOPIC_PACKS });
  h.slack.addChannel({ id: OUTSIDE, name: 'outside', botIsMember: false, requireMembership: true, members: [USERS.bob] });
});
afterEach(async () => {
  await h.stop();
});

const textOf = (m: { text?: string; blocks?: unknown[] }) => JSON.stringify(m.blocks ?? []) + (m.text ?? '');
const channelKeys = (channel: string) => h.redis.keys(`${h.prefix}:{${h.slack.team.id}:${channel}}*`);

/** Posts with a command and returns the text of the question that came out. */
async function ask(text: string): Promise<string> {
  const before = h.slack.messages(CHANNEL).length;
  await h.driver.command({ text, userId: USERS.alice, channelId: CHANNEL });
  const msg = await eventually(() => h.slack.messages(CHANNEL)[before], 5000, `question for "${text}"`);
  await h.waitForPost(msg.ts);
  return textOf(msg);
}

test('400 made-up filters in a channel the bot is not in: every one answered, nothing kept that lasts', async () => {
  const random = seededRandom(2026);
  // Pieces of the bank's words: under substring matching most of these found questions.
  const words = ['kubernetes', 'terraform', 'workloads', 'scheduling', 'control', 'plane', 'state', 'refactoring', 'containers', 'docker'];
  const piece = () => {
    const w = words[Math.floor(random() * words.length)];
    const start = Math.floor(random() * (w.length - 2));
    return w.slice(start, start + 2 + Math.floor(random() * 2));
  };
  // One in forty names a real topic (the bot then tries to post, paced at about one post a second per channel).
  const real = ['k8s', 'terraform', 'state', ''];
  const commands = Array.from({ length: 400 }, (_, i) => (i % 40 === 0 ? real[(i / 40) % real.length] : `${piece()} ${piece()}`));
  for (const text of commands) await h.driver.command({ text, userId: USERS.bob, channelId: OUTSIDE });

  await eventually(() => h.slack.ephemeralsFor(USERS.bob, { channelId: OUTSIDE }).length >= commands.length, 30_000, 'an answer to every command');
  expect(h.slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'ok')).toHaveLength(0);
  // What stays: at most a claim per command that named a real topic (so a redelivered command posts once), each
  // gone within a day. Nothing for the made-up ones, and no record of questions for a channel that got none.
  const kept = await channelKeys(OUTSIDE);
  expect(kept.length).toBeLessThanOrEqual(commands.filter((c) => real.includes(c)).length);
  const ttls = await Promise.all(kept.map((key) => h.redis.ttl(key)));
  expect(ttls.filter((ttl) => ttl < 0 || ttl > 24 * 3600)).toEqual([]);
  expect(kept.filter((key) => !/:ask:/.test(key))).toEqual([]);
  const answers = h.slack.ephemeralsFor(USERS.bob, { channelId: OUTSIDE }).map(textOf).join('\n');
  expect(answers).toContain('/invite @DevOps Quiz'); // the real topics were understood, the post refused
  expect(answers).toContain('No questions match');
}, 60_000);

test('topics are whole words of pack ids, tags and categories, or their aliases, in any case', async () => {
  expect(await ask('k8s')).toContain('Kubernetes');
  expect(await ask('KUBERNETES')).toContain('Kubernetes');
  expect(await ask('iac')).toContain('Terraform');
  expect(await ask('TF')).toContain('Terraform');
  expect(await ask('control-plane')).toMatch(/etcd|control plane/);
  expect(await ask('beginner scheduling')).toMatch(/What is a Pod|Deployment add/);

  // Parts of words are not topics: the person is told which words matched nothing, and nothing is posted.
  const posted = h.slack.messages(CHANNEL).length;
  await h.driver.command({ text: 'kub', userId: USERS.bob, channelId: CHANNEL });
  await h.driver.command({ text: 'erra', userId: USERS.bob, channelId: CHANNEL });
  const replies = await eventually(() => {
    const e = h.slack.ephemeralsFor(USERS.bob, { channelId: CHANNEL }).map(textOf);
    return e.length >= 2 ? e.join('\n') : null;
  }, 5000, 'two replies');
  expect(replies).toContain('`kub`');
  expect(replies).toContain('`erra`');
  expect(h.slack.messages(CHANNEL)).toHaveLength(posted);
});

test('what a post keeps in Redis expires', async () => {
  await ask('kubernetes');
  await ask('advanced terraform');
  const keys = await channelKeys(CHANNEL);
  expect(keys.length).toBeGreaterThan(0);
  const ttls = await Promise.all(keys.map(async (key) => [key.slice(h.prefix.length), await h.redis.ttl(key)] as const));
  expect(ttls.filter(([, ttl]) => ttl < 0)).toEqual([]);
});

test('at most five topic words a command', async () => {
  const posted = h.slack.messages(CHANNEL).length;
  await h.driver.command({ text: 'k8s terraform iac state scheduling control-plane', userId: USERS.bob, channelId: CHANNEL });
  await h.driver.command({ text: 'schedule 09:30 UTC daily k8s terraform iac state scheduling control-plane', userId: USERS.admin, channelId: CHANNEL });
  const bob = await eventually(() => h.slack.ephemeralsFor(USERS.bob, { channelId: CHANNEL }).map(textOf)[0], 5000, 'reply to bob');
  const admin = await eventually(() => h.slack.ephemeralsFor(USERS.admin, { channelId: CHANNEL }).map(textOf)[0], 5000, 'reply to admin');
  expect(bob).toContain('up to 5 topics');
  expect(admin).toContain('up to 5 topics');
  expect(h.slack.messages(CHANNEL)).toHaveLength(posted);
  expect(await h.bot.deps.schedules.get(h.slack.team.id, CHANNEL)).toBeNull();
  // Five, or the same word twice, are fine.
  expect(await ask('k8s terraform iac state k8s scheduling')).toMatch(/Kubernetes|Terraform/);
});
