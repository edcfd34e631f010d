import { Redis, type RedisOptions } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';

/** The longest a command of the listeners' connection waits for Redis before it fails. */
export const COMMAND_TIMEOUT_MS = 1500;

/**
 * A connection on which Redis sends nothing for this long while commands wait is dropped. A
 * frozen Redis (a hung host, a stopped process) keeps its connections open, so nothing else
 * would notice; dropping it makes the connection's state say "not ready", which is how a failed
 * command is recognised as Redis being away (below), and later commands fail at once instead of
 * each waiting out its timeout. Shorter than COMMAND_TIMEOUT_MS, so a command written to a
 * frozen Redis times out after its connection was dropped.
 */
const STALLED_SOCKET_MS = 1000;

/**
 * Connections. Slack handlers use a connection that fails fast while Redis is away (no offline
 * queue) or frozen (a command timeout), so a click gets a "try again" answer within Slack's 3
 * seconds instead of hanging. A command cut off by a dropped connection is not sent again on
 * the next one: the person was already told to try again, and every handler is idempotent.
 * BullMQ workers need `maxRetriesPerRequest: null` and wait for Redis to come back.
 */
export function createCommandConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    socketTimeout: STALLED_SOCKET_MS,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    ...options,
  });
}

export function createWorkerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options,
  });
}

/**
 * True when a failed command failed because Redis could not be reached: the connection is not
 * ready (commands fail at once, with no offline queue; a frozen Redis's connection was dropped
 * before the command timed out) or ran out of retries. Read from the connection's state and the
 * error's class, not from the error's text.
 */
export function isRedisUnavailable(redis: Redis, error: unknown): boolean {
  return error instanceof MaxRetriesPerRequestError || redis.status !== 'ready';
}

/** Resolves once the connection is ready (commands fail fast before that, by design). */
export async function waitUntilReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

/**
 * Deletes every key matching a pattern, but those `keep` names: SCAN (never KEYS) in steps of `COUNT 500`, each
 * step's keys UNLINKed at once (freed off the main thread), so no single command holds Redis for long. Safe to run
 * twice or at the same time: a key already gone counts nothing.
 */
export async function deleteByPattern(redis: Redis, pattern: string, keep: (key: string) => boolean = () => false): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    const keys = found.filter((key) => !keep(key));
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Closes a connection politely (QUIT), or at once when Redis does not answer within `timeoutMs`. */
export async function closeConnection(redis: Redis, timeoutMs = 1000): Promise<void> {
  if (redis.status === 'end') return;
  const quit = redis.quit().then(
    () => true,
    () => false,
  );
  const done = await Promise.race([quit, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())]);
  if (!done) redis.disconnect();
}
