/**
 * A team's clean-up against a real Redis and real BullMQ queues: its schedulers and its jobs in every state go
 * (found by the team in their data, ids naming it or not), its keys go, its installation goes unless a re-install
 * wrote a newer one; two clean-ups at once, or one again, change nothing more; a job of the team that is running is
 * reported, and the next run removes its record. The other team's keys, jobs and schedulers stay.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { BullTeamJobs } from '../../src/jobs/team-jobs';
import { createLogger } from '../../src/logger';
import { forgetTeam, teamUninstalled, type TeamForgetDeps } from '../../src/quiz/forget-team';
import { redisAppInstalls } from '../../src/slack/installations';
import { InstallationRecords } from '../../src/store/installations';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { TeamDataStore } from '../../src/store/team-data';
import { TokenKeyring } from '../../src/store/token-crypto';
import { eventually } from '../support/eventually';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

let redis: Redis;
let keys: Keys;
let qotd: Queue;
let tasks: Queue;
let worker: Worker | null;
const connections: Redis[] = [];
/** A connection of its own for a worker (BullMQ does not close the ones it is given). */
const workerConnection = () => {
  const c = redis.duplicate();
  connections.push(c);
  return c;
};
let clock: number;
let records: InstallationRecords;
let deps: TeamForgetDeps;

beforeEach(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  keys = new Keys(uniquePrefix());
  qotd = new Queue('qotd', { connection: redis, prefix: keys.queuePrefix });
  tasks = new Queue('tasks', { connection: redis, prefix: keys.queuePrefix });
  worker = null;
  clock = 1_000;
  records = new InstallationRecords(redis, keys, new TokenKeyring([{ id: 'k', key: randomBytes(32) }]), () => clock);
  deps = { installs: redisAppInstalls(records), jobs: new BullTeamJobs([qotd, tasks], tasks, redis), data: new TeamDataStore(redis, keys), logger: createLogger('silent') };
});
afterEach(async () => {
  await worker?.close(true);
  await Promise.all(connections.splice(0).map((c) => c.quit()));
  await Promise.all([qotd.close(), tasks.close()]);
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

/** One team's data as the app leaves it: keys under both tags, schedulers, waiting, delayed, done and failed jobs. */
async function useTeam(team: string): Promise<void> {
  const channel = keys.channel(team, 'C1');
  await redis.set(channel.schedule, '{}');
  await redis.zadd(channel.board('all'), 3, 'U1');
  await redis.hset(keys.interview(team, 'iv1'), 'state', 'open');
  await redis.sadd(keys.reviewPeople(team), 'U1');
  await records.save({ kind: 'team', id: team }, { team: { id: team } }, { team, enterprise: null, botExpiresAt: null });
  await qotd.upsertJobScheduler(`qotd-${team}-C1`, { pattern: '0 30 9 * * 1-5', tz: 'Europe/Berlin' }, { name: 'post-qotd', data: { team, channel: 'C1' } });
  await tasks.upsertJobScheduler(`recap-${team}-C1`, { pattern: '0 30 9 * * 1', tz: 'Europe/Berlin' }, { name: 'recap', data: { team, channel: 'C1' } });
  await tasks.add('reveal', { team, channel: 'C1', postTs: '1.2' }, { jobId: `reveal-${team}-C1-1.2`, delay: 3_600_000 });
  await tasks.add('review-day', { team, user: 'U1', at: 5 }, { jobId: `review-day-${team}-U1-5`, delay: 3_600_000 });
  // Auto-numbered: only their data names the team.
  await tasks.add('tally', { team, channel: 'C1', postTs: '1.2' }, { delay: 3_600_000 });
  await tasks.add('ask', { team, channel: 'C1', trigger: 't' });
  await tasks.add('tally', { team, channel: 'C1', postTs: '1.3', fail: true });
}

/** Runs the waiting jobs: `fail` ones fail, the rest complete, so both kinds of finished record exist. */
async function finishWaiting(): Promise<void> {
  worker = new Worker('tasks', async (job: Job) => {
    if ((job.data as { fail?: boolean }).fail) throw new Error('failed on purpose');
    return 'done';
  }, { connection: workerConnection(), prefix: keys.queuePrefix });
  await eventually(idle, 5000, 'jobs finished');
  await worker.close();
  worker = null;
}

async function idle(): Promise<boolean> {
  const counts = await tasks.getJobCounts('wait', 'active');
  return counts.wait + counts.active === 0;
}

async function keysNaming(team: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${keys.prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) if (key.includes(team) || ((await redis.type(key)) === 'hash' && (await redis.hget(key, 'data'))?.includes(`"${team}"`))) found.push(key);
  } while (cursor !== '0');
  return found.sort();
}

test('everything of the team goes, twice at once changes nothing more, the other team stays', async () => {
  await useTeam('T1');
  await useTeam('T2');
  await finishWaiting();
  expect(await tasks.getJobCounts('completed', 'failed', 'delayed')).toEqual({ completed: 2, failed: 2, delayed: 8 });
  const t2 = await keysNaming('T2');
  expect(t2.length).toBeGreaterThan(10);

  const [first, second] = await Promise.all([forgetTeam(deps, { team: 'T1', since: clock }), forgetTeam(deps, { team: 'T1', since: clock })]);
  // Between them, each scheduler was removed once; a job one of them removed first the other may count again.
  expect(first.schedulers + second.schedulers).toBe(2);
  expect(Math.max(first.jobs, second.jobs)).toBe(5);
  expect(first.status).toBe('forgotten');
  expect(second.status).toBe('forgotten');
  expect(await keysNaming('T1')).toEqual([]);
  expect(await records.list()).toEqual([expect.objectContaining({ team: 'T2' })]);

  expect(await keysNaming('T2')).toEqual(t2);
  expect((await qotd.getJobSchedulers()).map((s) => s.key)).toEqual(['qotd-T2-C1']);
  const again = await forgetTeam(deps, { team: 'T1', since: clock });
  expect(again).toEqual({ status: 'forgotten', installation: false, schedulers: 0, jobs: 0, keys: 0, running: 0 });
});

test('a running job of the team is reported; the next run removes its record and what it wrote', async () => {
  await useTeam('T1');
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  worker = new Worker('tasks', async () => {
    await released;
    await redis.set(keys.channel('T1', 'C1').qotdClaim('2026-12-01'), 'posted');
  }, { connection: workerConnection(), prefix: keys.queuePrefix });
  await eventually(async () => (await tasks.getJobCounts('active')).active === 1, 5000, 'a job running');

  const first = await forgetTeam(deps, { team: 'T1', since: clock });
  expect(first).toMatchObject({ status: 'jobs-running', running: 1 });
  release();
  await eventually(idle, 5000, 'jobs done');
  expect(await keysNaming('T1')).not.toEqual([]);

  expect(await forgetTeam(deps, { team: 'T1', since: clock })).toMatchObject({ status: 'forgotten', running: 0 });
  expect(await keysNaming('T1')).toEqual([]);
});

test('an installation written after the uninstall was asked for (a re-install) stays', async () => {
  await useTeam('T1');
  const since = clock;
  clock += 10;
  await records.save({ kind: 'team', id: 'T1' }, { team: { id: 'T1' } }, { team: 'T1', enterprise: null, botExpiresAt: null });

  expect(await forgetTeam(deps, { team: 'T1', since })).toMatchObject({ status: 'forgotten', installation: false });
  expect(await keysNaming('T1')).toEqual([keys.installation('T1')]);
  expect((await records.list()).map((i) => i.team)).toEqual(['T1']);
  // The same clean-up asked for after it: it goes.
  expect(await forgetTeam(deps, { team: 'T1', since: clock })).toMatchObject({ installation: true });
  expect(await keysNaming('T1')).toEqual([]);
});

test('an org-wide uninstall forgets the org\'s installation at once and starts a clean-up for each of its workspaces', async () => {
  await records.save({ kind: 'org', id: 'E1' }, { enterprise: { id: 'E1' } }, { team: null, enterprise: 'E1', botExpiresAt: null });
  await records.noteOrgTeam('E1', 'T5');
  await records.noteOrgTeam('E1', 'T6');
  const outcome = await teamUninstalled(deps, { teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true }, 'app uninstalled');
  expect(outcome).toEqual({ installation: true, teams: ['T5', 'T6'] });
  expect(await records.list()).toEqual([]);
  expect((await tasks.getJobs(['wait'])).map((j) => `${j.name} ${(j.data as { team: string }).team}`).sort()).toEqual(['forget-team T5', 'forget-team T6']);
  // Heard again (Slack redelivers): one clean-up per workspace still.
  await teamUninstalled(deps, { teamId: 'T5', enterpriseId: undefined, isEnterpriseInstall: false }, 'app uninstalled');
  expect(await tasks.getJobCounts('wait')).toEqual({ wait: 2 });
});
