import { App, HTTPReceiver, RespondError } from '@slack/bolt';
import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AddressInfo } from 'node:net';

import { LocalSlack, SlackDriver } from '../../../dev/local-slack';
import { BOT_TOKEN, SIGNING_SECRET, bootApp, captureLogger, eventually } from '../../support/bot-harness';
import type { AppHarness, CapturedLog } from '../../support/bot-harness';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CHANNEL = 'C0QUIZ';

interface Seen {
  commands: Array<{ text: string; userId: string; channelId: string; responseUrl: string }>;
  actions: Array<{ actionId: string; value?: string; blockId: string; isEphemeral: boolean; messageTs?: string }>;
  mentions: Array<{ text: string; retryNum?: number; retryReason?: string }>;
  errors: unknown[];
}

function register(seen: Seen) {
  return (app: App) => {
    app.command('/devops-quiz', async ({ ack, command, respond, client }) => {
      await ack();
      seen.commands.push({
        text: command.text,
        userId: command.user_id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
      });
      try {
        if (command.text === 'ephemeral-button') {
          await client.chat.postEphemeral({
            channel: command.channel_id,
            user: command.user_id,
            text: 'Only you can see this',
            blocks: [
              {
                type: 'actions',
                block_id: 'eph-actions',
                elements: [
                  { type: 'button', action_id: 'dismiss', text: { type: 'plain_text', text: 'Dismiss' }, value: 'bye' },
                ],
              },
            ],
          });
          return;
        }
        if (command.text === 'spam') {
          for (let i = 1; i <= 6; i++) await respond({ text: `reply ${i}` });
          return;
        }
        await respond({ text: `Got: ${command.text}` });
        await client.chat.postMessage({
          channel: command.channel_id,
          text: 'Question of the day: what does a liveness probe do?',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: '*What does a liveness probe do?*' } },
            {
              type: 'actions',
              block_id: 'answers-q1',
              elements: [
                {
                  type: 'button',
                  action_id: 'answer_a',
                  text: { type: 'plain_text', text: 'A' },
                  value: JSON.stringify({ q: 'q1', choice: 'A' }),
                  accessibility_label: 'Answer A: restarts the container',
                },
                { type: 'button', action_id: 'answer_b', text: { type: 'plain_text', text: 'B' }, value: 'q1:B' },
              ],
            },
          ],
        });
      } catch (e) {
        seen.errors.push(e);
      }
    });

    app.action<BlockAction<ButtonAction>>(/^(answer_.*|dismiss)$/, async ({ ack, body, action, respond }) => {
      await ack();
      seen.actions.push({
        actionId: action.action_id,
        value: action.value,
        blockId: action.block_id,
        isEphemeral: Boolean(body.container?.is_ephemeral),
        messageTs: body.message?.ts,
      });
      try {
        if (action.action_id === 'dismiss') await respond({ delete_original: true });
        else await respond({ replace_original: true, text: `You answered ${action.action_id}` });
      } catch (e) {
        seen.errors.push(e);
      }
    });

    app.event('app_mention', async ({ event, context }) => {
      seen.mentions.push({ text: event.text, retryNum: context.retryNum, retryReason: context.retryReason });
    });
  };
}

describe('LocalSlack + SlackDriver against a real Bolt App', () => {
  let h: AppHarness;
  let seen: Seen;

  beforeEach(async () => {
    seen = { commands: [], actions: [], mentions: [], errors: [] };
    h = await bootApp(register(seen), {
      setup: (slack) => {
        slack.addChannel({ id: CHANNEL, name: 'devops-quiz' });
        slack.addUser({ id: ALICE, name: 'alice', real_name: 'Alice A', tz: 'Europe/Berlin', channels: [CHANNEL] });
        slack.addUser({ id: BOB, name: 'bob', channels: [CHANNEL] });
      },
    });
  });

  afterEach(async () => {
    await h.stop();
  });

  test('new App ran auth.test against the stand-in', async () => {
    const [call] = await h.slack.waitFor('auth.test');
    expect(call.token).toBe(BOT_TOKEN);
    expect(call.response).toMatchObject({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEST' });
  });

  test('signed command reaches the listener; respond() and chat.postMessage land in the stand-in', async () => {
    const res = await h.driver.command({ text: 'hello world & more', userId: ALICE, channelId: CHANNEL });
    expect(res.status).toBe(200);
    expect(res.form.user_name).toBe('alice');
    expect(res.form.channel_name).toBe('devops-quiz');

    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(seen.commands).toEqual([
      { text: 'hello world & more', userId: ALICE, channelId: CHANNEL, responseUrl: res.responseUrl },
    ]);

    // respond() → the response_url, stored as an ephemeral for Alice
    const responses = h.slack.responsesTo(res.responseUrl);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ status: 200, applied: 'ephemeral', userId: ALICE, body: { text: 'Got: hello world & more' } });
    expect(h.slack.ephemeralsFor(ALICE).map((e) => e.text)).toEqual(['Got: hello world & more']);
    expect(h.slack.ephemeralsFor(BOB)).toEqual([]);

    // chat.postMessage: form-encoded, blocks parsed from their JSON string, team_id added by Bolt, ts minted
    expect(post.contentType).toBe('application/x-www-form-urlencoded');
    expect(Array.isArray(post.args.blocks)).toBe(true);
    expect(post.args.team_id).toBe('T0TEST');
    const ts = post.response?.ts as string;
    expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    const stored = h.slack.message(CHANNEL, ts);
    expect(stored?.text).toContain('liveness probe');
    expect(stored?.blocks?.[0].block_id).toEqual(expect.any(String)); // Slack fills in block ids
    expect(h.slack.warnings).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  test('clickButton sends the stored button value and block_id; respond(replace_original) edits the message', async () => {
    await h.driver.command({ text: 'go', userId: ALICE, channelId: CHANNEL });
    const [post] = await h.slack.waitFor('chat.postMessage');
    const ts = post.response?.ts as string;

    const click = await h.driver.clickButton({ userId: BOB, channelId: CHANNEL, ts, actionId: 'answer_a' });
    expect(click.status).toBe(200);
    expect(click.payload).toMatchObject({
      type: 'block_actions',
      user: { id: BOB, username: 'bob', team_id: 'T0TEST' },
      container: { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
      channel: { id: CHANNEL, name: 'devops-quiz' },
      message: { ts },
    });
    await eventually(() => h.slack.responsesTo(click.responseUrl).length === 1);
    expect(seen.actions).toEqual([
      { actionId: 'answer_a', value: '{"q":"q1","choice":"A"}', blockId: 'answers-q1', isEphemeral: false, messageTs: ts },
    ]);
    expect(h.slack.responsesTo(click.responseUrl)[0]).toMatchObject({ status: 200, applied: 'replace_original', ts });
    expect(h.slack.message(CHANNEL, ts)?.text).toBe('You answered answer_a');
    expect(h.slack.message(CHANNEL, ts)?.blocks).toBeUndefined();

    await expect(h.driver.clickButton({ userId: BOB, channelId: CHANNEL, ts, actionId: 'nope' })).rejects.toThrow(
      /no element with action_id nope/,
    );
  });

  test('ephemeral message: postEphemeral → message_ts; a click on it carries is_ephemeral and delete_original removes it', async () => {
    await h.driver.command({ text: 'ephemeral-button', userId: ALICE, channelId: CHANNEL });
    const [call] = await h.slack.waitFor('chat.postEphemeral');
    const messageTs = call.response?.message_ts as string;
    expect(messageTs).toMatch(/^\d{10}\.\d{6}$/);
    const [eph] = h.slack.ephemeralsFor(ALICE, { channelId: CHANNEL });
    expect(eph).toMatchObject({ message_ts: messageTs, user: ALICE, source: 'chat.postEphemeral', text: 'Only you can see this' });
    expect(h.slack.messages(CHANNEL)).toEqual([]); // not in channel history

    const click = await h.driver.clickButton({ userId: ALICE, channelId: CHANNEL, ts: messageTs, actionId: 'dismiss' });
    expect(click.payload.container).toMatchObject({ is_ephemeral: true, message_ts: messageTs });
    expect(click.payload.message).toBeUndefined();
    await eventually(() => h.slack.responsesTo(click.responseUrl).length === 1);
    expect(seen.actions[0]).toMatchObject({ actionId: 'dismiss', value: 'bye', blockId: 'eph-actions', isEphemeral: true });
    expect(h.slack.responsesTo(click.responseUrl)[0]).toMatchObject({ status: 200, applied: 'delete_original' });
    expect(h.slack.ephemeralsFor(ALICE)).toEqual([]);
    expect(h.slack.ephemeralsFor(ALICE, { includeDeleted: true })).toHaveLength(1);
    // Ephemerals cannot be chat.update'd
    const update = await fetch(`${h.slack.apiUrl}chat.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: CHANNEL, ts: messageTs, text: 'x' }),
    });
    expect(await update.json()).toEqual({ ok: false, error: 'message_not_found' });
  });

  test.each([
    ['a wrong signature', { signature: 'bad' as const }],
    ['no signature', { signature: 'none' as const }],
    ['a 6-minute-old timestamp', { ageSeconds: 360 }],
  ])('%s gets 401 and the listener does not run', async (_name, opts) => {
    const res = await h.driver.command({ text: 'x', userId: ALICE, channelId: CHANNEL, ...opts });
    expect(res.status).toBe(401);
    const ev = await h.driver.event({ type: 'app_mention', user: ALICE, text: '<@U0BOT> hi', channel: CHANNEL, ts: '1.000001' }, opts);
    expect(ev.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.commands).toEqual([]);
    expect(seen.mentions).toEqual([]);
  });

  test('a form with "; charset=utf-8" gets 400', async () => {
    const res = await h.driver.command({
      text: 'x',
      userId: ALICE,
      channelId: CHANNEL,
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });
    expect(res.status).toBe(400);
    expect(seen.commands).toEqual([]);
  });

  test('events: signed event_callback reaches the listener; retry headers become context.retryNum/retryReason', async () => {
    const first = await h.driver.event({ type: 'app_mention', user: ALICE, text: '<@U0BOT> first', channel: CHANNEL, ts: '1.000001' });
    expect(first.status).toBe(200);
    expect(first.eventId).toMatch(/^Ev/);
    const retry = await h.driver.event(
      { type: 'app_mention', user: ALICE, text: '<@U0BOT> first', channel: CHANNEL, ts: '1.000001' },
      { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' },
    );
    expect(retry.status).toBe(200);
    await eventually(() => seen.mentions.length === 2);
    expect(seen.mentions[0]).toMatchObject({ text: '<@U0BOT> first', retryNum: undefined });
    expect(seen.mentions[1]).toMatchObject({ retryNum: 1, retryReason: 'http_timeout' });
  });

  test('url_verification answers the challenge', async () => {
    const res = await h.driver.urlVerification('abc123');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'abc123' });
  });

  test('respond() a sixth time throws RespondError with statusCode 404', async () => {
    const res = await h.driver.command({ text: 'spam', userId: ALICE, channelId: CHANNEL });
    const err = await eventually(() => seen.errors[0]);
    expect(err).toBeInstanceOf(RespondError);
    expect((err as RespondError).statusCode).toBe(404);
    expect(h.slack.responsesTo(res.responseUrl).map((r) => r.error ?? r.applied)).toEqual([
      'ephemeral', 'ephemeral', 'ephemeral', 'ephemeral', 'ephemeral', 'used_url',
    ]);
    expect(h.slack.ephemeralsFor(ALICE).map((e) => e.text)).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4', 'reply 5']);
  });

  test('a used-up response_url refuses plain POSTs with 404 used_url', async () => {
    const res = await h.driver.command({ text: 'one', userId: ALICE, channelId: CHANNEL });
    await h.slack.waitFor('chat.postMessage');
    // 1 use so far; 4 more are allowed
    for (let i = 0; i < 4; i++) {
      const r = await fetch(res.responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `n${i}` }) });
      expect(r.status).toBe(200);
    }
    const sixth = await fetch(res.responseUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'too many' }) });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(h.slack.responsesTo(res.responseUrl).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 404]);
    expect(h.slack.ephemeralsFor(ALICE)).toHaveLength(5);
  });
});

describe('no ack → 404 with a custom HTTPReceiver', () => {
  test('a command listener that never acks gets 404 after unhandledRequestTimeoutMillis', async () => {
    const slack = new LocalSlack();
    await slack.start();
    slack.addChannel({ id: CHANNEL });
    slack.addUser({ id: ALICE, channels: [CHANNEL] });
    const logs: CapturedLog[] = [];
    const logger = captureLogger(logs);
    const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, unhandledRequestTimeoutMillis: 200, logger });
    const app = new App({
      token: BOT_TOKEN,
      receiver,
      logger,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/devops-quiz', async () => {
      /* never acks */
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    const driver = new SlackDriver({
      appUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      slack,
    });
    try {
      const res = await driver.command({ text: 'x', userId: ALICE, channelId: CHANNEL });
      expect(res.status).toBe(404);
      expect(logs.some((l) => l.level === 'error' && /not acknowledged/.test(l.msg))).toBe(true);
    } finally {
      await app.stop();
      await slack.stop();
    }
  });
});

