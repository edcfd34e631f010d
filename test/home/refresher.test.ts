/**
 * What a vote pays for App Home: one Redis round trip (a MULTI) that notes the channel and asks whether the person
 * opened Home lately, the same whatever their history; a refresh job only for people who did, once per burst.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger';
import { BullHomeRefresher, HOME_DEBOUNCE_MS } from '../../src/jobs/home-jobs';
import { JOB } from '../../src/jobs/queues';
import { HOME_CHANNELS_MAX, HomeStore } from '../../src/store/home';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

const TEAM = 'T0HOME001';
const USER = 'UHOME0001';

let redis: Redis;
let keys: Keys;
let store: HomeStore;
let queue: Queue;
let queueConnection: Redis;
beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
  store = new HomeStore(redis, keys);
  queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('tasks', { connection: queueConnection, prefix: keys.queuePrefix });
});
afterEach(async () => {
  await queue.close();
  await queueConnection.quit();
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

/** Every command the store sends, in order (a MULTI goes out as one write). */
function recordCommands(r: Redis): string[] {
  const seen: string[] = [];
  const send = r.sendCommand.bind(r);
  r.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
    seen.push(command.name);
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Redis['sendCommand'];
  return seen;
}

test('the channels a person answered in are kept, most recent first, bounded', async () => {
  for (let i = 0; i < HOME_CHANNELS_MAX + 20; i++) await store.noteActivity(TEAM, USER, `C${String(i).padStart(4, '0')}`, 1000 + i);
  await store.noteActivity(TEAM, USER, 'C0030', 5000); // answered again: first now
  const { channels, total } = await store.channels(TEAM, USER, 3);
  expect(total).toBe(HOME_CHANNELS_MAX);
  expect(channels).toEqual(['C0030', 'C0069', 'C0068']);
  // Reviews and mock ratings note no channel.
  await store.noteActivity(TEAM, USER, null, 6000);
  expect((await store.channels(TEAM, USER, 100)).total).toBe(HOME_CHANNELS_MAX);
});

test('one MULTI per answer, the same for a long history as for none', async () => {
  await redis.ping(); // the connection's own hand-shake is not the store's
  const commands = recordCommands(redis);
  await store.noteActivity(TEAM, USER, 'C0001', 1);
  const first = [...commands];
  for (let i = 0; i < 200; i++) await store.noteActivity(TEAM, USER, `C${i}`, 10 + i);
  await store.markSeen(TEAM, USER, 500);
  commands.length = 0;
  expect((await store.noteActivity(TEAM, USER, 'C0002', 1000)).seen).toBe(true);
  expect(commands).toEqual(first);
  expect(commands[0]).toBe('multi');
  expect(commands.at(-1)).toBe('exec');
});

test('a refresh is queued only for people who opened Home, once for a burst of answers', async () => {
  const refresher = new BullHomeRefresher(queue, store, createLogger('silent'));
  await refresher.changed(TEAM, USER, 'C0001');
  expect(await queue.getDelayedCount()).toBe(0);

  await store.markSeen(TEAM, USER, Date.now());
  await refresher.changed(TEAM, USER, 'C0002');
  await refresher.changed(TEAM, USER, 'C0002');
  await refresher.changed(TEAM, USER, null);
  // A second process (its own refresher) joins the same pending job.
  await new BullHomeRefresher(queue, store, createLogger('silent')).changed(TEAM, USER, 'C0003');
  const jobs = await queue.getDelayed();
  expect(jobs.map((j) => [j.name, j.data])).toEqual([[JOB.homeRefresh, { team: TEAM, user: USER }]]);
  expect(jobs[0].opts.delay).toBe(HOME_DEBOUNCE_MS);
  // Every channel was noted, the joined ones too.
  expect((await store.channels(TEAM, USER, 10)).channels.sort()).toEqual(['C0001', 'C0002', 'C0003']);
});

test('Redis trouble never fails the answer that called it', async () => {
  const broken = new HomeStore(redis, keys);
  broken.noteActivity = () => Promise.reject(new Error('connection lost'));
  await expect(new BullHomeRefresher(queue, broken, createLogger('silent')).changed(TEAM, USER, 'C1')).resolves.toBeUndefined();
});
