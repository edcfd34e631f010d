/**
 * The pieces of the zero-config start: when it happens, what the composer sends (as Slack would), how a Redis is
 * found, and the content preview.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { Redis } from 'ioredis';
import { isPlaygroundStart, loadConfig } from '../../src/config';
import { encodeTyped, parseComposerInput, type Directory } from '../../dev/playground/compose';
import { hasRedisServerBinary, redisAnswers, resolveRedis, startOwnRedis } from '../../dev/playground/redis';
import { playgroundEnv, PLAYGROUND_KEY_PREFIX } from '../../dev/playground/start';
import { parsePreviewArgs, previewPage, slackVerdict } from '../../dev/playground/preview';
import { getFreePort } from '../../dev/local-slack';
import { section } from '../../src/views/blocks';

describe('zero-config start', () => {
  test('only without any Slack token, and never in production', () => {
    expect(isPlaygroundStart({})).toBe(true);
    expect(isPlaygroundStart({ SLACK_BOT_TOKEN: '  ' })).toBe(true);
    expect(isPlaygroundStart({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe(false);
    expect(isPlaygroundStart({ SLACK_APP_TOKEN: 'xapp-1' })).toBe(false);
    expect(isPlaygroundStart({ NODE_ENV: 'production' })).toBe(false);
  });

  test("the bot's environment: the Slack side replaced, the rest kept, a key prefix of its own", () => {
    const env = playgroundEnv(
      { SLACK_APP_TOKEN: '', CONTENT_DIR: 'packs', QUIZ_ADMINS: 'U0ALICE01', HEALTH_PORT: '9999', ROLE: 'worker' },
      { apiUrl: 'http://127.0.0.1:1234/api/', signingSecret: 'abc', redisUrl: 'redis://127.0.0.1:6390' },
    );
    const config = loadConfig(env);
    expect(config.slack).toEqual({ botToken: 'xoxb-local-playground', signingSecret: 'abc', appToken: null, apiUrl: 'http://127.0.0.1:1234/api/' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6390');
    expect(config.keyPrefix).toBe(PLAYGROUND_KEY_PREFIX);
    expect(config.port).toBe(3000);
    expect(config.healthPort).toBe(9999);
    expect(config.role).toBe('all');
    expect(config.contentDir).toBe('packs');
    expect(config.logLevel).toBe('warn');
    // Without HEALTH_PORT, the private health port is any free one.
    expect(loadConfig(playgroundEnv({ PORT: '4000', REDIS_KEY_PREFIX: 'mine', LOG_LEVEL: 'debug' }, { apiUrl: 'http://x/api/', signingSecret: 's', redisUrl: 'redis://r' }))).toMatchObject({ port: 4000, healthPort: 0, keyPrefix: 'mine', logLevel: 'debug' });
  });
});

describe('composer', () => {
  const dir: Directory = {
    userByName: (name) => ({ alice: { id: 'U0ALICE01', name: 'alice' }, bob: { id: 'U0BOB0002', name: 'bob' } } as Record<string, { id: string; name: string }>)[name],
    channelByName: (name) => (name === 'devops-practice' ? { id: 'C0PRACTICE', name } : undefined),
  };

  test('slash command or message', () => {
    expect(parseComposerInput('  /devops-quiz   mock @bob 3 ')).toEqual({ kind: 'command', command: '/devops-quiz', text: 'mock @bob 3' });
    expect(parseComposerInput('/DevOps-Quiz')).toEqual({ kind: 'command', command: '/devops-quiz', text: '' });
    expect(parseComposerInput('/giphy cats')).toEqual({ kind: 'command', command: '/giphy', text: 'cats' });
    expect(parseComposerInput('hello /devops-quiz')).toEqual({ kind: 'message', text: 'hello /devops-quiz' });
    expect(parseComposerInput('   ')).toEqual({ kind: 'empty' });
  });

  test('mentions become <@U…|name> as Slack escapes them for the command', () => {
    expect(encodeTyped('mock @bob 3 intermediate', dir)).toBe('mock <@U0BOB0002|bob> 3 intermediate');
    expect(encodeTyped('stats @Alice', dir)).toBe('stats <@U0ALICE01|alice>');
    expect(encodeTyped('thanks @bob, see you', dir)).toBe('thanks <@U0BOB0002|bob>, see you');
    expect(encodeTyped('mock @nobody', dir)).toBe('mock @nobody');
    expect(encodeTyped('mail bob@example.com', dir)).toBe('mail bob@example.com');
  });

  test('control characters are escaped; channels, broadcasts and links become tokens', () => {
    expect(encodeTyped('a < b && c > d', dir)).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(encodeTyped('in #devops-practice and #nowhere', dir)).toBe('in <#C0PRACTICE|devops-practice> and #nowhere');
    expect(encodeTyped('@here look', dir)).toBe('<!here> look');
    expect(encodeTyped('see https://kubernetes.io/docs.', dir)).toBe('see <https://kubernetes.io/docs>.');
    expect(encodeTyped('<@U0BOB0002> typed by hand', dir)).toBe('&lt;@U0BOB0002&gt; typed by hand');
  });
});

describe('finding a Redis', () => {
  test('REDIS_URL wins, without probing', async () => {
    const choice = await resolveRedis({ REDIS_URL: 'redis://example.invalid:1' }, { probe: { host: '127.0.0.1', port: 1 } });
    expect(choice?.url).toBe('redis://example.invalid:1');
    expect(choice?.source).toBe('REDIS_URL');
  });

  test('a Redis answering on the probed port is used', async () => {
    const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const choice = await resolveRedis({}, { probe: { host: url.hostname, port: Number(url.port || 6379) }, mayStartServer: false });
    expect(choice?.source).toBe('localhost');
  });

  test('a port where something else listens does not count as Redis; with nothing to start, there is none', async () => {
    const server = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    try {
      expect(await redisAnswers('127.0.0.1', port)).toBe(false);
      expect(await resolveRedis({}, { probe: { host: '127.0.0.1', port }, mayStartServer: false })).toBeNull();
    } finally {
      server.close();
    }
    expect(await redisAnswers('127.0.0.1', await getFreePort(), 300)).toBe(false);
  });

  (hasRedisServerBinary() ? test : test.skip)('otherwise a redis-server of its own, data kept in the folder, stopped on request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-playground-redis-'));
    const free = await getFreePort();
    const choice = await resolveRedis({}, { probe: { host: '127.0.0.1', port: free }, dataDir: dir });
    expect(choice?.source).toBe('started');
    const client = new Redis(choice!.url);
    await client.set('kept', 'yes');
    await client.quit();
    await choice!.stop();
    const port = Number(new URL(choice!.url).port);
    expect(await redisAnswers('127.0.0.1', port, 300)).toBe(false);
    // Started again on the same folder, the data is still there.
    const again = await startOwnRedis(dir);
    const reader = new Redis(again.url);
    try {
      expect(await reader.get('kept')).toBe('yes');
    } finally {
      await reader.quit();
      await again.stop();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('content:preview', () => {
  const pack = path.resolve(__dirname, '../fixtures/packs/mini.md');

  test('arguments', () => {
    expect(parsePreviewArgs([])).toMatch(/^usage/);
    expect(parsePreviewArgs(['--bogus', pack])).toMatch(/unknown option --bogus/);
    expect(parsePreviewArgs(['nope.md'])).toMatch(/no such file: nope.md/);
    expect(parsePreviewArgs([pack, '--port', '4001', '--out', 'x.html'])).toEqual({ files: [pack], port: 4001, out: 'x.html' });
  });

  test('every question of the file, as posted, with its answer thread', () => {
    const html = previewPage([pack], { inlineCss: true });
    const ids = [...html.matchAll(/<section class="question" data-question-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html.match(/data-action-id="reveal_answer"/g)).toHaveLength(ids.length);
    expect(html.match(/How well did you know this\?/g)).toHaveLength(ids.length);
    expect(html).toContain('<style>');
    expect(html).toContain('content:check');
    expect(html).not.toContain('Slack would refuse');
  });

  test('problems of the file are listed, and messages Slack would refuse are flagged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-preview-'));
    const broken = path.join(dir, 'broken.md');
    fs.writeFileSync(broken, '---\ntitle: "Broken"\npack: broken\n---\n\n# Broken\n\n## Things\n\n??? question "1. A question without a level?"\n    Just text.\n');
    try {
      const html = previewPage([broken]);
      expect(html).toMatch(/broken\.md:\d+: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(slackVerdict({ text: 'x', blocks: [section('ok')] })).toBeNull();
    expect(slackVerdict({ text: 'x', blocks: Array.from({ length: 51 }, () => section('too many')) })).toMatch(/invalid_blocks/);
    expect(slackVerdict({ text: 'x', blocks: Array.from({ length: 6 }, () => section('y'.repeat(2500))) })).toMatch(/msg_blocks_too_long/);
  });
});
