/**
 * The playground end to end without a browser: the real zero-config start (LocalSlack workspace, the real bot
 * through startBot, the page's routes on the bot's port), driven through the page's own HTTP API.
 */
import { Redis } from 'ioredis';
import { startPlayground, type Playground } from '../../dev/playground/start';
import type { PlaygroundState, ViewMessage } from '../../dev/playground/state';
import { TEAMMATES } from '../../dev/playground/workspace';
import { deleteByPattern } from '../../src/store/redis';
import { eventually, FIXTURE_PACKS, REDIS_URL, uniquePrefix } from '../support/bot-harness';

const [alice, bob, carol] = TEAMMATES.map((t) => t.id);
let pg: Playground;
let prefix: string;
const said: string[] = [];

beforeAll(async () => {
  prefix = uniquePrefix();
  pg = await startPlayground({ PATH: process.env.PATH, REDIS_URL, REDIS_KEY_PREFIX: prefix, PORT: '0', CONTENT_DIR: FIXTURE_PACKS, LOG_LEVEL: 'fatal' }, (l) => said.push(l));
});

afterAll(async () => {
  await pg?.stop();
  const redis = new Redis(REDIS_URL);
  await deleteByPattern(redis, `${prefix}*`);
  await redis.quit();
});

async function state(as: string, thread?: string): Promise<PlaygroundState> {
  const q = new URLSearchParams({ as, ...(thread ? { thread } : {}) });
  const res = await fetch(`${pg.url}/playground/api/state?${q}`);
  expect(res.status).toBe(200);
  return (await res.json()) as PlaygroundState;
}

async function post(path: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  // As the page's own fetch sends it: JSON, from the page's origin.
  const res = await fetch(`${pg.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: pg.url }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const button = (m: ViewMessage, actionId: string) => new RegExp(`data-action-id="${actionId}"(?: data-block-id="([^"]+)")?`).exec(m.html);

test('prints where it is and serves the page on the bot port, next to /slack/events and /healthz', async () => {
  expect(said.join('\n')).toMatch(/No Slack tokens set: DevOps Quiz runs in a local playground workspace \(#devops-practice, alice, bob, carol\)/);
  expect(said.join('\n')).toContain(`Open ${pg.url}`);
  expect(pg.url).toBe(`http://localhost:${pg.bot.port}`);
  const page = await fetch(`${pg.url}/`);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(await page.text()).toContain('id="composer-input"');
  for (const asset of ['app.js', 'app.css', 'favicon.svg']) expect((await fetch(`${pg.url}/playground/${asset}`)).status).toBe(200);
  expect((await fetch(`${pg.url}/playground/secret.txt`)).status).toBe(404);
  expect((await fetch(`${pg.url}/healthz`)).status).toBe(200);
  // The receiver still checks Slack's signature: an unsigned request is refused.
  expect((await fetch(`${pg.url}/slack/events`, { method: 'POST', body: 'command=/devops-quiz', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(401);
});

test('the whole flow: command, live event, reveal, thread, levels, ephemerals per user, messages', async () => {
  const initial = await state(alice);
  expect(initial.people.map((p) => p.name)).toEqual(['alice', 'bob', 'carol']);
  expect(initial.channel).toMatchObject({ name: 'devops-practice', memberCount: 4 });

  // Live updates: the event stream reports a change when the bot posts.
  const events = await fetch(`${pg.url}/playground/api/events`);
  expect(events.headers.get('content-type')).toContain('text/event-stream');
  const reader = events.body!.getReader();
  const firstChunk = new TextDecoder().decode((await reader.read()).value);
  expect(firstChunk).toMatch(/event: change\ndata: \d+/);
  const nextChange = reader.read().then((r) => new TextDecoder().decode(r.value));

  const sent = await post('/playground/api/command', { as: alice, text: '/devops-quiz' });
  expect(sent.status).toBe(200);
  expect(sent.body.form).toMatchObject({ command: '/devops-quiz', text: '', user_id: alice, user_name: 'alice', channel_name: 'devops-practice' });
  expect(await nextChange).toMatch(/event: change\ndata: \d+/);
  await reader.cancel();

  const question = await eventually(async () => (await state(bob)).messages.find((m) => m.kind === 'message' && /reveal_answer/.test(m.html)), 5000, 'question');
  expect(question.author).toMatchObject({ isBot: true });
  expect(question.html).toContain('asked by <span class="mk-mention" data-user-id="U0ALICE01">@alice</span>');

  // Bob reveals: the answer goes to the thread, the question says who revealed it.
  const reveal = button(question, 'reveal_answer')!;
  expect((await post('/playground/api/click', { as: bob, ts: question.ts, actionId: 'reveal_answer', blockId: reveal[1] })).status).toBe(200);
  const thread = await eventually(async () => {
    const s = await state(carol, question.ts);
    return s.thread && s.thread.messages.length > 1 ? s.thread : null;
  }, 5000, 'answer in thread');
  const answer = thread.messages[1];
  expect(answer.html).toContain('How well did you know this?');
  const revealed = await eventually(async () => (await state(carol)).messages.find((m) => m.ts === question.ts && /Answer revealed by/.test(m.html)), 5000, 'question updated');
  expect(revealed.html).toContain('@bob');
  expect(revealed.replyCount).toBe(1);

  // Levels from two people: each sees only their own confirmation, in the thread.
  const intermediate = button(answer, 'record_level_2')!;
  expect((await post('/playground/api/click', { as: alice, ts: answer.ts, actionId: 'record_level_2', blockId: intermediate[1] })).status).toBe(200);
  expect((await post('/playground/api/click', { as: carol, ts: answer.ts, actionId: 'record_level_3' })).status).toBe(200);
  const aliceNote = await eventually(async () => (await state(alice, question.ts)).thread!.messages.find((m) => m.kind === 'ephemeral'), 5000, "alice's confirmation");
  expect(aliceNote.html).toContain('Intermediate');
  expect((await state(alice)).messages.some((m) => m.kind === 'ephemeral' && /Intermediate/.test(m.html))).toBe(false); // in the thread, not the channel
  await eventually(async () => (await state(carol, question.ts)).thread!.messages.find((m) => m.kind === 'ephemeral'), 5000, "carol's confirmation");
  expect((await state(bob, question.ts)).thread!.messages.filter((m) => m.kind === 'ephemeral')).toEqual([]);
  await eventually(async () => /2 answers/.test((await state(bob, question.ts)).thread!.messages[1].html), 8000, 'tally');

  // The leaderboard is ephemeral: only bob sees it; mentions typed as @name reach the bot as <@U…|name>.
  expect((await post('/playground/api/command', { as: bob, text: '/devops-quiz leaderboard' })).status).toBe(200);
  const board = await eventually(async () => (await state(bob)).messages.find((m) => m.kind === 'ephemeral' && /Leaderboard/.test(m.html)), 5000, 'board');
  expect(board.html).toMatch(/🥇 <span class="mk-mention" data-user-id="U0CAROL03">@carol<\/span>/);
  expect((await state(alice)).messages.some((m) => /Leaderboard/.test(m.html))).toBe(false);
  const stats = await post('/playground/api/command', { as: carol, text: '/devops-quiz stats @alice' });
  expect(stats.body.sentText).toBe('stats <@U0ALICE01|alice>');
  await eventually(async () => (await state(carol)).messages.find((m) => m.kind === 'ephemeral' && /@alice<\/span>&#39;s practice/.test(m.html)), 5000, 'stats');

  // People can talk in the thread too.
  expect((await post('/playground/api/message', { as: carol, text: 'Nice one @bob & thanks', threadTs: question.ts })).status).toBe(200);
  const reply = (await state(alice, question.ts)).thread!.messages.find((m) => m.author.name === 'carol')!;
  expect(reply.html).toBe('<div class="bk-blocks bk-text-only"><div class="mk-ln">Nice one <span class="mk-mention" data-user-id="U0BOB0002">@bob</span> &amp; thanks</div></div>');
});

test('what Slack would refuse is refused', async () => {
  expect(await post('/playground/api/command', { as: alice, text: '/devops-quiz', threadTs: '1.2' })).toEqual({ status: 400, body: { error: '/devops-quiz is not supported in threads. Sorry!' } });
  expect((await post('/playground/api/command', { as: alice, text: '/giphy cats' })).body.error).toMatch(/^\/giphy is not a valid command/);
  expect((await post('/playground/api/command', { as: 'U0MALLORY', text: '/devops-quiz' })).status).toBe(400);
  expect((await post('/playground/api/click', { as: alice, ts: '1.000001', actionId: 'reveal_answer' })).status).toBe(409);
  expect((await post('/playground/api/message', { as: alice, text: 'hi', threadTs: '1.000001' })).status).toBe(409);
});

test('the page answers only this machine unless told otherwise', async () => {
  const { PlaygroundServer } = await import('../../dev/playground/server');
  const call = (allowRemote: boolean, remoteAddress: string) => {
    const server = new PlaygroundServer({ slack: pg.slack, channelId: 'C0PRACTICE', driver: () => null, allowRemote });
    const route = server.routes().find((r) => r.path === '/playground/api/state')!;
    let status = 0;
    const res = { headersSent: false, writeHead: (s: number) => ((status = s), res), end: () => undefined };
    route.handler({ url: '/playground/api/state', method: 'GET', headers: { host: 'localhost:3000' }, socket: { remoteAddress, localPort: 3000 } } as never, res as never);
    server.close();
    return status;
  };
  expect(call(false, '192.0.2.7')).toBe(403);
  expect(call(false, '::ffff:127.0.0.1')).toBe(200);
  expect(call(false, '::1')).toBe(200);
  expect(call(true, '192.0.2.7')).toBe(200);
});
