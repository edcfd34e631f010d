import { LocalSlack, signRequest } from '../../../dev/local-slack';
import { createHmac } from 'node:crypto';

const CHANNEL = 'C0QUIZ';
const ALICE = 'U0ALICE';

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('response_url bookkeeping', () => {
  let slack: LocalSlack;
  let clock: number;

  beforeEach(async () => {
    clock = Date.UTC(2026, 8, 1, 9, 0, 0);
    slack = new LocalSlack({ now: () => clock });
    await slack.start();
    slack.addChannel({ id: CHANNEL, name: 'devops-quiz' });
    slack.addUser({ id: ALICE, name: 'alice', channels: [CHANNEL] });
  });

  afterEach(async () => {
    await slack.stop();
  });

  test('mints URLs on the stand-in; ts follow the (injected) clock', async () => {
    const url = slack.responseUrl({ userId: ALICE, channelId: CHANNEL });
    expect(url).toMatch(new RegExp(`^${slack.baseUrl}/response/.+`));
    expect(slack.responseUrl('fixed-id')).toBe(`${slack.baseUrl}/response/fixed-id`);
    expect(slack.mintTs(CHANNEL)).toBe('1788253200.000000');
    expect(slack.mintTs(CHANNEL)).toBe('1788253200.000001');
  });

  test('ephemeral (default) is stored for the user the URL was minted for; in_channel posts to the channel', async () => {
    const url = slack.responseUrl({ userId: ALICE, channelId: CHANNEL });
    expect(await postJson(url, { text: 'just you' })).toEqual({ status: 200, body: { ok: true } });
    expect(await postJson(url, { text: 'everyone', response_type: 'in_channel' })).toEqual({ status: 200, body: { ok: true } });
    expect(slack.ephemeralsFor(ALICE)).toEqual([expect.objectContaining({ text: 'just you', source: 'response_url', channel: CHANNEL })]);
    expect(slack.messages(CHANNEL).map((m) => m.text)).toEqual(['everyone']);
    expect(slack.responsesTo(url).map((r) => r.applied)).toEqual(['ephemeral', 'in_channel']);
    expect(slack.responseUrlInfo(url)?.uses).toBe(2);
  });

  test('replace_original / delete_original act on the channel message the URL belongs to; thread_ts is honoured', async () => {
    const parentTs = slack.mintTs(CHANNEL);
    const posted = await postJson(slack.responseUrl({ userId: ALICE, channelId: CHANNEL }), { text: 'q', response_type: 'in_channel' });
    expect(posted.status).toBe(200);
    const [msg] = slack.messages(CHANNEL);
    const url = slack.responseUrl({ userId: ALICE, channelId: CHANNEL, messageTs: msg.ts });
    await postJson(url, { replace_original: true, text: 'q (closed)' });
    expect(slack.message(CHANNEL, msg.ts)?.text).toBe('q (closed)');
    await postJson(url, { response_type: 'in_channel', thread_ts: msg.ts, text: 'reveal' });
    expect(slack.thread(CHANNEL, msg.ts).map((m) => m.text)).toEqual(['q (closed)', 'reveal']);
    expect(await postJson(url, { delete_original: true })).toEqual({ status: 200, body: { ok: true } });
    expect(slack.message(CHANNEL, msg.ts)).toMatchObject({ subtype: 'tombstone' }); // has a reply, so a tombstone stays
    expect(parentTs).toMatch(/^\d+\.\d{6}$/);
  });

  test('limits: blocks are validated, text or blocks required', async () => {
    const url = slack.responseUrl({ userId: ALICE, channelId: CHANNEL });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await postJson(url, { text: 'x', blocks: tooMany })).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_blocks' } });
    expect(await postJson(url, {})).toMatchObject({ status: 400, body: { error: 'no_text' } });
    expect(slack.responseUrlInfo(url)?.uses).toBe(0);
  });

  test('refused with 404 after 5 uses or 30 minutes; unknown ids are 404', async () => {
    const url = slack.responseUrl({ userId: ALICE, channelId: CHANNEL });
    for (let i = 0; i < 5; i++) expect((await postJson(url, { text: `${i}` })).status).toBe(200);
    expect(await postJson(url, { text: 'six' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });

    const late = slack.responseUrl({ userId: ALICE, channelId: CHANNEL });
    clock += 30 * 60 * 1000 + 1;
    expect(await postJson(late, { text: 'late' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
    expect(await postJson(`${slack.baseUrl}/response/nope`, { text: 'x' })).toMatchObject({ status: 404 });
    expect(slack.responses.filter((r) => r.status === 404)).toHaveLength(3);
  });

  test('failNext("response_url") scripts failures of the response endpoint', async () => {
    const url = slack.responseUrl({ userId: ALICE, channelId: CHANNEL });
    slack.failNext('response_url', { status: 500 });
    expect((await postJson(url, { text: 'x' })).status).toBe(500);
    expect((await postJson(url, { text: 'x' })).status).toBe(200);
  });
});

describe('signRequest', () => {
  test('v0 = hex HMAC-SHA256 of v0:<ts>:<body>', () => {
    const body = 'command=%2Fdevops-quiz&text=hi';
    const headers = signRequest('secret', body, 1_700_000_000);
    const expected = createHmac('sha256', 'secret').update(`v0:1700000000:${body}`).digest('hex');
    expect(headers).toEqual({ 'x-slack-signature': `v0=${expected}`, 'x-slack-request-timestamp': '1700000000' });
  });
});
