import { Writable } from 'node:stream';
import { createLogger, redactSecrets } from '../../src/logger';
import { ConfigError, loadConfig } from '../../src/config';

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

test('tokens never reach a log line, in messages or in fields', () => {
  const { stream, lines } = capture();
  const logger = createLogger('info', stream);
  logger.info('connecting with xoxb-1234-5678-abcdef and xapp-1-A0-99-zzz');
  logger.info({ token: 'xoxb-1234-5678-abcdef', config: { signingSecret: 'shh-very-secret' } }, 'config');
  logger.error(new Error('invalid_auth for xoxp-9999-secret'));
  const text = lines.join('\n');
  expect(text).not.toMatch(/xoxb-1234|xapp-1-A0|shh-very-secret/);
  expect(text).toContain('[redacted]');
  for (const line of lines) expect(JSON.parse(line)).toHaveProperty('level');
  expect(redactSecrets('token xoxb-abc-def end')).toBe('token xoxb-[redacted] end');
  // Token rotation's refresh tokens and rotating access tokens.
  expect(redactSecrets('refresh xoxe-1-abc access xoxe.xoxb-1-def')).toBe('refresh xoxe-[redacted] access xoxe.xoxb-[redacted]');
});

test('configuration: every missing or malformed value is named at once', () => {
  expect(() => loadConfig({})).toThrow(ConfigError);
  try {
    loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token', PORT: 'eighty', REDIS_URL: 'localhost:6379', QUIZ_ADMINS: 'alice', ROLE: 'cook' });
  } catch (error) {
    const message = (error as Error).message;
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'REDIS_URL', 'QUIZ_ADMINS', 'ROLE']) expect(message).toContain(name);
  }
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'https://slack-gov.com/api', QUIZ_ADMINS: 'U02ABC, W03DEF' });
  expect(config.slack.apiUrl).toBe('https://slack-gov.com/api/');
  expect(config.slack.signingSecret).toBeNull(); // Socket Mode needs none
  expect([...config.admins]).toEqual(['U02ABC', 'W03DEF']);
});
