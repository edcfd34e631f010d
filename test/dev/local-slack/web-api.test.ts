import { webApi } from '@slack/bolt';

import { LocalSlack, tsToMicros } from '../../../dev/local-slack';
import { BOT_TOKEN, captureLogger } from '../../support/bot-harness';
import type { CapturedLog } from '../../support/bot-harness';

const { WebClient, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIHTTPError, WebAPIRequestError } = webApi;

const CHANNEL = 'C0QUIZ';
const PRIVATE = 'C0PRIVATE';
const ALICE = 'U0ALICE';

function section(text: string, blockId?: string): Record<string, unknown> {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text } };
}

function button(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'A' }, value: 'v', ...overrides };
}

async function platformError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WebAPIPlatformError) return String(e.data.error);
    throw e;
  }
  throw new Error('expected a WebAPIPlatformError');
}

describe('LocalSlack Web API via the real WebClient', () => {
  let slack: LocalSlack;
  let client: InstanceType<typeof WebClient>;
  let logs: CapturedLog[];

  beforeEach(async () => {
    slack = new LocalSlack();
    await slack.start();
    slack.addChannel({ id: CHANNEL, name: 'devops-quiz' });
    slack.addChannel({ id: PRIVATE, name: 'secret', is_private: true, botIsMember: false, requireMembership: true });
    slack.addUser({ id: ALICE, name: 'alice', real_name: 'Alice A', tz: 'Asia/Kolkata', is_admin: true, channels: [CHANNEL] });
    logs = [];
    client = new WebClient(BOT_TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 2000,
      logger: captureLogger(logs),
    });
  });

  afterEach(async () => {
    await slack.stop();
  });

  test('auth: auth.test answers the bot identity; missing / non-bot tokens are rejected', async () => {
    expect(slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    await expect(client.auth.test()).resolves.toMatchObject({
      ok: true,
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
      team_id: 'T0TEST',
      team: 'DevOps Quiz Test',
      user: 'devops-quiz',
      url: 'https://devops-quiz-test.slack.com/',
    });
    expect(await platformError(new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }).auth.test())).toBe('not_authed');
    expect(await platformError(new WebClient('xoxp-user', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }).auth.test())).toBe('invalid_auth');
    expect(slack.callsTo('auth.test').map((c) => c.outcome)).toEqual(['ok', 'error:not_authed', 'error:invalid_auth']);
  });

  test('chat.postMessage: per-channel increasing ts, threads, errors', async () => {
    const tss: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await client.chat.postMessage({ channel: CHANNEL, text: `m${i}` });
      expect(r.channel).toBe(CHANNEL);
      expect(r.message).toMatchObject({ text: `m${i}`, bot_id: 'B0BOT', user: 'U0BOT', ts: r.ts });
      tss.push(r.ts as string);
    }
    expect(new Set(tss).size).toBe(5);
    for (let i = 1; i < tss.length; i++) expect(tsToMicros(tss[i])).toBeGreaterThan(tsToMicros(tss[i - 1]));

    const reply = await client.chat.postMessage({ channel: CHANNEL, thread_ts: tss[0], text: 'in thread' });
    expect(reply.message?.thread_ts).toBe(tss[0]);
    expect(slack.message(CHANNEL, tss[0])).toMatchObject({ reply_count: 1, latest_reply: reply.ts, thread_ts: tss[0] });
    expect(slack.messages(CHANNEL)).toHaveLength(5); // replies are not top-level
    expect(slack.thread(CHANNEL, tss[0]).map((m) => m.text)).toEqual(['m0', 'in thread']);

    expect(await platformError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe('channel_not_found');
    expect(await platformError(client.chat.postMessage({ channel: PRIVATE, text: 'x' }))).toBe('not_in_channel');
    slack.archiveChannel(CHANNEL);
    expect(await platformError(client.chat.postMessage({ channel: CHANNEL, text: 'x' }))).toBe('is_archived');
    expect(slack.warnings).toEqual([]);
  });

  test('posting to a user id opens the DM', async () => {
    const r = await client.chat.postMessage({ channel: ALICE, text: 'hi' });
    expect(r.channel).toBe('D0ALICE');
    expect(slack.messages('D0ALICE').map((m) => m.text)).toEqual(['hi']);
  });

  test('chat.update keeps blocks when only text changes; chat.delete removes', async () => {
    const r = await client.chat.postMessage({ channel: CHANNEL, text: 'v1', blocks: [section('one', 'b1')] } as never);
    const ts = r.ts as string;
    const u = await client.chat.update({ channel: CHANNEL, ts, text: 'v2' });
    expect(u).toMatchObject({ ok: true, channel: CHANNEL, ts, text: 'v2' });
    expect(slack.message(CHANNEL, ts)?.blocks?.[0]).toMatchObject({ block_id: 'b1' });
    expect(slack.message(CHANNEL, ts)?.edited).toBeDefined();
    await client.chat.update({ channel: CHANNEL, ts, text: 'v3', blocks: [] });
    expect(slack.message(CHANNEL, ts)?.blocks).toBeUndefined();
    expect(await platformError(client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    await client.chat.delete({ channel: CHANNEL, ts });
    expect(slack.message(CHANNEL, ts)).toBeUndefined();
    expect(await platformError(client.chat.delete({ channel: CHANNEL, ts }))).toBe('message_not_found');
  });

  test('chat.postEphemeral: message_ts, kept per user; user errors', async () => {
    const r = await client.chat.postEphemeral({ channel: CHANNEL, user: ALICE, text: 'psst' });
    expect(r.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(slack.ephemeralsFor(ALICE)).toEqual([
      expect.objectContaining({ message_ts: r.message_ts, channel: CHANNEL, text: 'psst', source: 'chat.postEphemeral' }),
    ]);
    expect(await platformError(client.chat.postEphemeral({ channel: CHANNEL, user: 'U0GHOST', text: 'x' }))).toBe('user_not_found');
    slack.addUser({ id: 'U0OUT', name: 'out' });
    expect(await platformError(client.chat.postEphemeral({ channel: CHANNEL, user: 'U0OUT', text: 'x' }))).toBe('user_not_in_channel');
  });

  test('conversations.history / replies: oldest, latest, limit, include_all_metadata', async () => {
    const metadata = { event_type: 'qotd_posted', event_payload: { occurrence: '2026-09-01' } };
    const a = await client.chat.postMessage({ channel: CHANNEL, text: 'a', metadata });
    const b = await client.chat.postMessage({ channel: CHANNEL, text: 'b' });
    const c = await client.chat.postMessage({ channel: CHANNEL, text: 'c' });
    await client.chat.postMessage({ channel: CHANNEL, text: 'c-reply', thread_ts: c.ts as string });

    const all = await client.conversations.history({ channel: CHANNEL });
    expect(all.messages?.map((m) => m.text)).toEqual(['c', 'b', 'a']); // newest first, no replies
    expect(all.messages?.[2].metadata).toBeUndefined();

    const withMeta = await client.conversations.history({ channel: CHANNEL, include_all_metadata: true });
    expect(withMeta.messages?.[2].metadata).toEqual(metadata);

    const sinceA = await client.conversations.history({ channel: CHANNEL, oldest: a.ts as string });
    expect(sinceA.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    const inclusive = await client.conversations.history({ channel: CHANNEL, oldest: a.ts as string, inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['c', 'b', 'a']);
    const beforeC = await client.conversations.history({ channel: CHANNEL, latest: c.ts as string });
    expect(beforeC.messages?.map((m) => m.text)).toEqual(['b', 'a']);
    const future = await client.conversations.history({ channel: CHANNEL, oldest: String(Math.floor(Date.now() / 1000) + 60) });
    expect(future.messages).toEqual([]);

    const page1 = await client.conversations.history({ channel: CHANNEL, limit: 2 });
    expect(page1.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.history({ channel: CHANNEL, limit: 2, cursor: page1.response_metadata?.next_cursor });
    expect(page2.messages?.map((m) => m.text)).toEqual(['a']);

    const replies = await client.conversations.replies({ channel: CHANNEL, ts: c.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['c', 'c-reply']);
    expect(await platformError(client.conversations.replies({ channel: CHANNEL, ts: '1.000001' }))).toBe('thread_not_found');
    expect(b.ok).toBe(true);
  });

  test('conversations.info and users.info', async () => {
    const info = await client.conversations.info({ channel: CHANNEL });
    expect(info.channel).toMatchObject({ id: CHANNEL, name: 'devops-quiz', is_archived: false, is_member: true });
    expect(await platformError(client.conversations.info({ channel: 'C0NOPE' }))).toBe('channel_not_found');
    const user = await client.users.info({ user: ALICE });
    expect(user.user).toMatchObject({
      id: ALICE,
      name: 'alice',
      real_name: 'Alice A',
      tz: 'Asia/Kolkata',
      tz_offset: 19800,
      is_admin: true,
      is_owner: false,
      is_bot: false,
      deleted: false,
    });
    expect(await platformError(client.users.info({ user: 'U0GHOST' }))).toBe('user_not_found');
  });

  describe('Block Kit limits and text fallback', () => {
    const post = (blocks: unknown[], text: string | undefined = 'fallback') =>
      platformError(client.chat.postMessage({ channel: CHANNEL, text, blocks } as never));

    test.each([
      ['51 blocks', Array.from({ length: 51 }, (_, i) => section(`s${i}`))],
      ['section text of 3001 chars', [section('x'.repeat(3001))]],
      ['header of 151 chars', [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }]],
      ['button text of 76 chars', [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })] }]],
      ['button value of 2001 chars', [{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }]],
      ['action_id of 256 chars', [{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }]],
      ['block_id of 256 chars', [section('x', 'b'.repeat(256))]],
      ['duplicate block_id', [section('x', 'same'), section('y', 'same')]],
      ['duplicate action_id in one block', [{ type: 'actions', elements: [button(), button()] }]],
      ['empty section text', [section('')]],
      ['unknown block type', [{ type: 'sparkles' }]],
    ])('%s → invalid_blocks', async (_name, blocks) => {
      expect(await post(blocks)).toBe('invalid_blocks');
      expect(slack.messages(CHANNEL)).toEqual([]);
    });

    test('limits themselves are accepted: 50 blocks, 3000-char section, 150-char header, 75/2000/255', async () => {
      const blocks = [
        ...Array.from({ length: 47 }, (_, i) => section(`s${i}`)),
        section('x'.repeat(3000)),
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
        {
          type: 'actions',
          block_id: 'b'.repeat(255),
          elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(75) }, value: 'v'.repeat(2000), action_id: 'a'.repeat(255) })],
        },
      ];
      const r = await client.chat.postMessage({ channel: CHANNEL, text: 'ok', blocks } as never);
      expect(r.ok).toBe(true);
      expect(slack.callsTo('chat.postMessage')[0].response).toMatchObject({ ok: true });
    });

    test('invalid_blocks carries Slack-style response_metadata.messages', async () => {
      const blocks = Array.from({ length: 51 }, (_, i) => section(`s${i}`));
      try {
        await client.chat.postMessage({ channel: CHANNEL, text: 'x', blocks } as never);
        throw new Error('should fail');
      } catch (e) {
        expect(e).toBeInstanceOf(WebAPIPlatformError);
        const data = (e as InstanceType<typeof WebAPIPlatformError>).data;
        expect(data.error).toBe('invalid_blocks');
        expect(data.response_metadata?.messages?.[0]).toMatch(/50 items.*json-pointer:\/blocks/);
      }
    });

    test('the same limits apply to chat.update and chat.postEphemeral', async () => {
      const r = await client.chat.postMessage({ channel: CHANNEL, text: 'v1' });
      const big = Array.from({ length: 51 }, (_, i) => section(`s${i}`));
      expect(await platformError(client.chat.update({ channel: CHANNEL, ts: r.ts as string, text: 'v2', blocks: big } as never))).toBe('invalid_blocks');
      expect(await platformError(client.chat.postEphemeral({ channel: CHANNEL, user: ALICE, text: 'e', blocks: big } as never))).toBe('invalid_blocks');
    });

    test('no text and no blocks → no_text; blocks without text are accepted but warned', async () => {
      expect(await platformError(client.chat.postMessage({ channel: CHANNEL } as never))).toBe('no_text');
      expect(await platformError(client.chat.postMessage({ channel: CHANNEL, text: '' } as never))).toBe('no_text');
      expect(slack.warnings).toEqual([]);
      await client.chat.postMessage({ channel: CHANNEL, blocks: [section('only blocks')] } as never);
      expect(slack.warnings).toEqual([expect.objectContaining({ code: 'missing_text', source: 'chat.postMessage', channel: CHANNEL })]);
      // web-api logs its own warning too
      expect(logs.some((l) => l.level === 'warn' && /top-level `text` argument is missing/.test(l.msg))).toBe(true);
    });

    test('over ~12k characters of block text → msg_blocks_too_long', async () => {
      const blocks = Array.from({ length: 5 }, (_, i) => section(`${i}`.repeat(2600)));
      expect(await post(blocks)).toBe('msg_blocks_too_long');
    });

    test('metadata must be {event_type, event_payload}', async () => {
      expect(await platformError(client.chat.postMessage({ channel: CHANNEL, text: 'x', metadata: { nope: 1 } } as never))).toBe('invalid_metadata_format');
    });
  });

  describe('fault injection', () => {
    test('{error} → WebAPIPlatformError with data.error; the call is recorded; only `times` calls are affected', async () => {
      slack.failNext('chat.postMessage', { error: 'channel_not_found' }, 2);
      expect(await platformError(client.chat.postMessage({ channel: CHANNEL, text: 'x' }))).toBe('channel_not_found');
      expect(await platformError(client.chat.postMessage({ channel: CHANNEL, text: 'x' }))).toBe('channel_not_found');
      await expect(client.chat.postMessage({ channel: CHANNEL, text: 'x' })).resolves.toMatchObject({ ok: true });
      expect(slack.callsTo('chat.postMessage').map((c) => c.outcome)).toEqual(['error:channel_not_found', 'error:channel_not_found', 'ok']);
      expect(slack.messages(CHANNEL)).toHaveLength(1);
    });

    test('{status:429, retryAfter} → WebAPIRateLimitedError with retryAfter (rejectRateLimitedCalls)', async () => {
      slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
      const err = await client.chat.postMessage({ channel: CHANNEL, text: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebAPIRateLimitedError);
      expect((err as InstanceType<typeof WebAPIRateLimitedError>).retryAfter).toBe(7);
      expect(slack.messages(CHANNEL)).toEqual([]);
    });

    test('{status:500} → WebAPIHTTPError', async () => {
      slack.failNext('chat.update', { status: 500 });
      const err = await client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebAPIHTTPError);
      expect((err as InstanceType<typeof WebAPIHTTPError>).statusCode).toBe(500);
    });

    test('{delayMs} past the client timeout → WebAPIRequestError, yet the message is stored (Slack did post it)', async () => {
      const quick = new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, timeout: 100, logger: captureLogger([]) });
      slack.failNext('chat.postMessage', { delayMs: 300 });
      const err = await quick.chat.postMessage({ channel: CHANNEL, text: 'slow' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebAPIRequestError);
      const [call] = await slack.waitFor((c) => c.method === 'chat.postMessage' && c.outcome === 'ok', { timeoutMs: 2000 });
      expect(slack.message(CHANNEL, call.response?.ts as string)?.text).toBe('slow');
    });

    test('{dropAfterStore} → WebAPIRequestError but the message exists (the ambiguous "did it post?" case)', async () => {
      slack.failNext('chat.postMessage', { dropAfterStore: true });
      const err = await client.chat.postMessage({ channel: CHANNEL, text: 'maybe', metadata: { event_type: 'qotd_posted', event_payload: { occurrence: 'x' } } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebAPIRequestError);
      expect(slack.callsTo('chat.postMessage')[0].outcome).toBe('dropped');
      const history = await client.conversations.history({ channel: CHANNEL, include_all_metadata: true });
      expect(history.messages?.map((m) => [m.text, m.metadata?.event_type])).toEqual([['maybe', 'qotd_posted']]);
    });

    test('setRateLimit: per-channel per-second limit answers 429 with Retry-After', async () => {
      slack.setRateLimit({ perChannelPerSecond: 1 });
      await client.chat.postMessage({ channel: CHANNEL, text: '1' });
      const err = await client.chat.postMessage({ channel: CHANNEL, text: '2' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebAPIRateLimitedError);
      expect((err as InstanceType<typeof WebAPIRateLimitedError>).retryAfter).toBe(1);
      slack.addChannel({ id: 'C0OTHER' });
      await expect(client.chat.postMessage({ channel: 'C0OTHER', text: '3' })).resolves.toMatchObject({ ok: true });
      slack.setRateLimit({ workspacePerMinute: 2 });
      await client.chat.postMessage({ channel: CHANNEL, text: '4' });
      await client.chat.postMessage({ channel: 'C0OTHER', text: '5' });
      const ws = await client.chat.postMessage({ channel: 'C0OTHER', text: '6' }).catch((e: unknown) => e);
      expect((ws as InstanceType<typeof WebAPIRateLimitedError>).retryAfter).toBeGreaterThanOrEqual(59);
    });

    test('waitFor resolves for calls made later and counts', async () => {
      const waiting = slack.waitFor('chat.postMessage', { count: 2 });
      await client.chat.postMessage({ channel: CHANNEL, text: '1' });
      await client.chat.postMessage({ channel: CHANNEL, text: '2' });
      const calls = await waiting;
      expect(calls.map((c) => c.args.text)).toEqual(['1', '2']);
      await expect(slack.waitFor('views.open', { timeoutMs: 50 })).rejects.toThrow(/views.open.*0\/1/);
    });
  });

  test('JSON bodies are accepted too', async () => {
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: CHANNEL, text: 'json', blocks: [section('j')] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, channel: CHANNEL, message: { text: 'json' } });
    expect(slack.callsTo('chat.postMessage')[0]).toMatchObject({ contentType: 'application/json; charset=utf-8', args: { text: 'json' } });
  });
});
