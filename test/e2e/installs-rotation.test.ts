/**
 * Distribution mode with token rotation and key rotation: a scheduled post for a workspace whose token expires
 * within 2 hours refreshes it through the installer first and posts with the new one, which the store keeps sealed;
 * no Redis value holds a token; a record sealed under an old SLACK_TOKEN_KEY entry still serves after the key
 * rotates, and is sealed again under the new key.
 */
import type { Job } from 'bullmq';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import type { Installation } from '@slack/bolt';
import { eventually } from '../support/eventually';
import { bootDistributedBot, TEAMS, tokenKey, type DistributedHarness } from '../support/installs';

const OLD_KEY = tokenKey('2025-01');

let h: DistributedHarness;

beforeEach(async () => {
  // Installs give tokens that expire in an hour (within Bolt's 2-hour refresh margin); refreshed ones last 12 hours.
  h = await bootDistributedBot({ oauth: { rotation: true, installTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 43_200 }, env: { SLACK_TOKEN_KEY: OLD_KEY } });
});
afterEach(async () => {
  await h.stop();
});

const qotdPosts = () => h.slack.callsTo('chat.postMessage').filter((c) => c.outcome === 'ok' && (c.args.metadata as { event_type?: string } | undefined)?.event_type === 'qotd_posted');
const refreshes = () => h.slack.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');

/** Every value under the bot's prefix, whatever its type, as one string. */
async function everyValue(): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await h.redis.scan(cursor, 'MATCH', `${h.prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await h.redis.type(key);
      if (type === 'string') out.push(String(await h.redis.get(key)));
      else if (type === 'hash') out.push(JSON.stringify(await h.redis.hgetall(key)));
      else if (type === 'set') out.push(JSON.stringify(await h.redis.smembers(key)));
      else if (type === 'zset') out.push(JSON.stringify(await h.redis.zrange(key, '0', '-1', 'WITHSCORES')));
      else if (type === 'list') out.push(JSON.stringify(await h.redis.lrange(key, 0, -1)));
      else if (type === 'stream') out.push(JSON.stringify(await h.redis.xrange(key, '-', '+')));
      out.push(key);
    }
  } while (cursor !== '0');
  return out.join('\n');
}

/** A schedule for team A's channel written as the rules write it, with no Slack request (which would refresh too). */
async function scheduleWithoutARequest(): Promise<Job> {
  const t = TEAMS.a;
  const settings = { time: '09:30', tz: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], level: null, topics: [], revealAfterMinutes: null, setBy: t.admin, updatedAt: Date.now(), pausedReason: null };
  await h.bot.deps.schedules.save(t.id, t.channel, settings);
  await h.bot.deps.jobs.upsertSchedule(t.id, t.channel, settings);
  const id = BullQuizJobs.schedulerId(t.id, t.channel);
  return eventually(async () => (await h.bot.queues.qotd.getDelayed()).find((j) => j.id?.startsWith(`repeat:${id}:`)), 5000, 'scheduler job');
}

test('a question of the day for a workspace whose token expires within 2 h: the job refreshes it and posts with the new one', async () => {
  await h.install('a');
  const [installed] = h.slack.tokensOf(TEAMS.a.id);
  const before = await h.bot.installations!.meta({ kind: 'team', id: TEAMS.a.id });
  expect(before!.botExpiresAt! * 1000 - Date.now()).toBeLessThan(2 * 3600_000);
  expect(refreshes()).toHaveLength(0);

  const job = await scheduleWithoutARequest();
  await job.promote();
  await eventually(() => qotdPosts().length === 1, 8000, 'question of the day');

  // The job asked for a refresh with the installation's refresh token, then posted with what came back.
  expect(refreshes()).toHaveLength(1);
  const refreshed = refreshes()[0].response!;
  expect(refreshed.access_token).not.toBe(installed.token);
  expect(qotdPosts()[0].token).toBe(refreshed.access_token);

  // The store holds the new token and its expiry, sealed: no token is anywhere in Redis as text.
  const record = await h.bot.installations!.load<Installation>({ kind: 'team', id: TEAMS.a.id });
  expect(record!.bot!.token).toBe(refreshed.access_token);
  expect(record!.bot!.refreshToken).toBe(refreshed.refresh_token);
  const after = await h.bot.installations!.meta({ kind: 'team', id: TEAMS.a.id });
  expect(after!.botExpiresAt! * 1000 - Date.now()).toBeGreaterThan(11 * 3600_000);
  const values = await everyValue();
  for (const secret of [installed.token, String(refreshed.access_token), String(refreshed.refresh_token)]) expect(values).not.toContain(secret);
  expect(values).not.toMatch(/xox[a-z]-/);

  // The next run needs no refresh: the token it reads is the stored one, not one kept from the last run.
  h.slack.clearCalls();
  await h.driver('a').command({ typed: '', userId: TEAMS.a.member, channelId: TEAMS.a.channel });
  await eventually(() => h.slack.callsTo('chat.postMessage').some((c) => c.outcome === 'ok'), 8000, 'asked-for question');
  expect(refreshes()).toHaveLength(0);
  for (const call of h.slack.calls) expect([call.method, call.token]).toEqual([call.method, refreshed.access_token]);
});

test('SLACK_TOKEN_KEY rotated: a record sealed under the old key id still serves, and is sealed again under the new key', async () => {
  // A token far from expiry, so nothing but the key change writes the record.
  h.slack.configureOAuth({ installTokenTtlSeconds: 43_200 });
  await h.install('a');
  const meta = await h.bot.installations!.meta({ kind: 'team', id: TEAMS.a.id });
  expect(meta!.keyId).toBe('2025-01');
  const sealedBefore = await h.redis.hget(h.bot.config.keyPrefix + `:{${TEAMS.a.id}}:install`, 'sealed');

  // A second bot with the new key first and the old one after it: it opens the old record to serve a command.
  const rotated = await h.startAnother({ SLACK_TOKEN_KEY: `${tokenKey('2025-06')},${OLD_KEY}` });
  await h.driverFor(rotated, 'a').command({ typed: 'help', userId: TEAMS.a.member, channelId: TEAMS.a.channel });
  await eventually(() => h.slack.responses.some((r) => r.status === 200), 8000, 'help answered');
  expect(refreshes()).toHaveLength(0);

  // Read once, it is sealed again under the first key; the old bot (old key only) can no longer open it.
  const resealed = await eventually(async () => {
    const m = await rotated.installations!.meta({ kind: 'team', id: TEAMS.a.id });
    return m?.keyId === '2025-06' ? m : null;
  }, 5000, 'resealed under the new key');
  expect(resealed.team).toBe(TEAMS.a.id);
  expect(await h.redis.hget(h.bot.config.keyPrefix + `:{${TEAMS.a.id}}:install`, 'sealed')).not.toBe(sealedBefore);
  await expect(h.bot.installations!.load({ kind: 'team', id: TEAMS.a.id })).rejects.toThrow('no key "2025-06" in SLACK_TOKEN_KEY');
  expect((await rotated.installations!.load<Installation>({ kind: 'team', id: TEAMS.a.id }))!.team!.id).toBe(TEAMS.a.id);
});
