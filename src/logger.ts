import pino from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

/**
 * Structured JSON logs. Secrets never reach a line: the redact list covers the places a token
 * or signing secret could sit, and `redactSecrets` masks any token-shaped string in messages.
 */
export type Logger = pino.Logger;

/** Bot, user and app tokens, and rotation's refresh tokens (`xoxe-…`; a rotating access token is `xoxe.xoxb-…`). */
const TOKEN_PATTERN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

export function redactSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, (token) => `${token.slice(0, 5)}[redacted]`);
}

export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'devops-quiz' },
      redact: {
        paths: ['token', 'botToken', 'appToken', 'signingSecret', 'clientSecret', 'refreshToken', '*.token', '*.botToken', '*.signingSecret', '*.clientSecret', '*.refreshToken', 'headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Bolt's Logger interface backed by pino, so Bolt's own lines are JSON too. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.stack ?? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...m) => child.debug(join(m)),
    info: (...m) => child.info(join(m)),
    warn: (...m) => child.warn(join(m)),
    error: (...m) => child.error(join(m)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
