/** The bot refuses to start on a broken question pack, with the same lines as `content:check`. */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { ContentError, startBot } from '../../src/bot';
import { loadBank } from '../../src/content/bank';
import { checkBank } from '../../src/content/check';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

test('a pack with errors stops the start and names file and line', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dq-broken-'));
  try {
    writeFileSync(
      path.join(dir, 'broken.md'),
      ['---', 'title: Broken', '---', '', '## Topic', '', '??? question "1. A question with no level"', '    🧠 Think...', '', '    Some answer.', ''].join('\n'),
    );
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix(), CONTENT_DIR: dir, PORT: '0' });
    const failure = await startBot(config, { logger: createLogger('silent') }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ContentError);
    const expected = checkBank(loadBank(dir), dir).errors.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(expected.length).toBeGreaterThan(0);
    expect((failure as InstanceType<typeof ContentError>).lines).toEqual(expected);
    expect(expected[0]).toMatch(/broken\.md:7: .*level/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
