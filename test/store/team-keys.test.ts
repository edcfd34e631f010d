/**
 * `Keys.teamKeyPatterns` is the one list of a team's keys that forgetting a team unlinks. Every key builder is called
 * here (a new one is picked up by itself) and each key naming the team must match one of the patterns, as Redis
 * matches them: a new team-scoped key built outside the team's tags fails this test instead of outliving an
 * uninstall. Only the keys that are not the team's are named below, with why.
 */
import { Redis } from 'ioredis';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

/** Builders whose keys are not one team's: the app's, an enterprise's, or SCAN patterns rather than keys. */
const NOT_THE_TEAMS: Record<string, string> = {
  queuePrefix: "BullMQ's prefix: jobs go through the queues, by the team in their data",
  installations: 'the list of every installation (the team leaves it with its installation)',
  orgInstallation: "an enterprise's org-wide installation, removed by the org's own app_uninstalled",
  orgTeams: "an enterprise's workspaces (the team leaves it with its installation)",
  teamChannelsPattern: 'a pattern',
  teamKeyPatterns: 'the patterns themselves',
  team: "the team's tag, which every team-wide key extends",
};

const TEAM = 'T1';
const ARGS = [TEAM, 'C1', 'U2', '3'];

/** Every string a builder's result holds: the string itself, an object's fields, functions and key objects called. */
function keysIn(value: unknown, depth = 0): string[] {
  if (depth > 3) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return keysIn((value as (...a: string[]) => unknown)(...ARGS.slice(1)), depth + 1);
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as object;
    const names = proto === Object.prototype ? Object.keys(value) : Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor');
    return names.flatMap((name) => keysIn(bound(value, name), depth + 1));
  }
  return [];
}

function bound(owner: object, name: string): unknown {
  const value = (owner as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(owner) : value;
}

function everyTeamKey(keys: Keys): Map<string, string[]> {
  const byBuilder = new Map<string, string[]>();
  for (const name of Object.getOwnPropertyNames(Keys.prototype)) {
    if (name === 'constructor' || Object.hasOwn(NOT_THE_TEAMS, name)) continue;
    const value = bound(keys, name);
    byBuilder.set(name, keysIn(typeof value === 'function' ? (value as (...a: string[]) => unknown)(...ARGS) : value).filter((k) => !k.endsWith('*')));
  }
  return byBuilder;
}

let redis: Redis;
let keys: Keys;
beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

test("every key builder's team keys match the team's patterns, and no other team's key does", async () => {
  const built = everyTeamKey(keys);
  // The walk reaches the kinds of builder there are: team-wide, per person, channel keys through `channel`.
  for (const name of ['installation', 'interview', 'review', 'reviewDm', 'home', 'pace', 'channel']) expect(built.get(name)?.length).toBeGreaterThan(0);
  expect(built.get('channel')!.length).toBeGreaterThan(10);

  const all = [...new Set([...built.values()].flat())];
  for (const key of all) await redis.set(key, '1');
  // Another team whose id starts with this one's, and what is not the team's at all.
  const others = [keys.installation('T12'), keys.channel('T12', 'C1').schedule, keys.channel('T', '1:C1').schedule, keys.orgInstallation(TEAM), keys.installations];
  for (const key of others) await redis.set(key, '1');

  const matched = new Set<string>();
  for (const pattern of keys.teamKeyPatterns(TEAM)) {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const key of batch) matched.add(key);
    } while (cursor !== '0');
  }
  const outside = [...built].flatMap(([name, list]) => list.filter((k) => !matched.has(k)).map((k) => `${name}: ${k}`));
  expect(outside).toEqual([]);
  expect(others.filter((k) => matched.has(k))).toEqual([]);
});
