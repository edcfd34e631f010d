/**
 * Installations at rest, against a real Redis: sealed with AES-256-GCM (no token text in any value), bound to their
 * team, opened with whichever listed key sealed them and sealed again under the current one; Bolt's installation
 * store over them, org-wide installs included; a team's key patterns match all of its keys and no other team's.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Installation } from '@slack/bolt';
import { Keys } from '../../src/store/keys';
import { deleteByPattern } from '../../src/store/redis';
import { InstallationRecords } from '../../src/store/installations';
import { parseTokenKeys, TokenKeyring, UnknownKeyError, type TokenKey } from '../../src/store/token-crypto';
import { installedTeamsSlack, redisAppInstalls, redisInstallationStore, TeamNotInstalledError } from '../../src/slack/installations';
import type { SlackPort } from '../../src/slack/port';
import { REDIS_URL, uniquePrefix } from '../support/bot-harness';

let redis: Redis;
let keys: Keys;

const key = (id: string): TokenKey => ({ id, key: randomBytes(32) });
const OLD = key('old');
const NEW = key('new');

function installation(team: string, token = `xoxb-${team}-secret-${randomBytes(4).toString('hex')}`): Installation<'v2', false> {
  return {
    team: { id: team, name: `Team ${team}` },
    enterprise: undefined,
    user: { id: 'UINSTALL1', token: undefined, scopes: undefined },
    bot: { token, refreshToken: `xoxe-1-${randomBytes(6).toString('hex')}`, expiresAt: 1_900_000_000, scopes: ['chat:write'], id: 'B01', userId: 'U0BOT1' },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

beforeEach(() => {
  redis = new Redis(REDIS_URL);
  keys = new Keys(uniquePrefix());
});
afterEach(async () => {
  await deleteByPattern(redis, `${keys.prefix}*`);
  await redis.quit();
});

describe('the key ring', () => {
  test('seals and opens; a value moved to another team, or changed, does not open', () => {
    const ring = new TokenKeyring([NEW]);
    const sealed = ring.seal('xoxb-the-token', 'team:T1');
    expect(sealed.keyId).toBe('new');
    expect(sealed.data).not.toContain('xoxb');
    expect(ring.open(sealed, 'team:T1')).toBe('xoxb-the-token');
    expect(() => ring.open(sealed, 'team:T2')).toThrow();
    const raw = Buffer.from(sealed.data, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => ring.open({ keyId: 'new', data: raw.toString('base64') }, 'team:T1')).toThrow();
    // Two seals of one value differ (a fresh IV each time).
    expect(ring.seal('x', 'c').data).not.toBe(ring.seal('x', 'c').data);
  });

  test('the first key seals, every key opens; a dropped key is named', () => {
    const before = new TokenKeyring([OLD]).seal('secret', 'team:T1');
    const rotated = new TokenKeyring([NEW, OLD]);
    expect(rotated.open(before, 'team:T1')).toBe('secret');
    expect(rotated.seal('secret', 'team:T1').keyId).toBe('new');
    expect(() => new TokenKeyring([NEW]).open(before, 'team:T1')).toThrow(UnknownKeyError);
    expect(() => new TokenKeyring([NEW]).open(before, 'team:T1')).toThrow('no key "old" in SLACK_TOKEN_KEY');
  });

  test('SLACK_TOKEN_KEY: id:base64 entries or bare keys (their id from the key), 32 bytes each', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    const parsed = parseTokenKeys(`2025-06:${a}, ${b}`);
    expect('keys' in parsed && parsed.keys.map((k) => k.id)).toEqual(['2025-06', expect.stringMatching(/^k[0-9a-f]{8}$/)]);
    // A bare key gets the same id on every start.
    expect(parseTokenKeys(b)).toEqual(parseTokenKeys(b));
    expect(parseTokenKeys(`x:${randomBytes(16).toString('base64')}`)).toEqual({ problems: [expect.stringContaining('must be 32 random bytes in base64')] });
    expect(parseTokenKeys(`bad id:${a}`)).toEqual({ problems: [expect.stringContaining('entry 1')] });
    expect(parseTokenKeys('')).toEqual({ problems: [expect.stringContaining('SLACK_TOKEN_KEY is empty')] });
  });
});

describe('installation records in Redis', () => {
  test('no Redis value holds token text; the record reads back whole', async () => {
    const records = new InstallationRecords(redis, keys, new TokenKeyring([NEW]));
    const inst = installation('T1');
    await records.save({ kind: 'team', id: 'T1' }, inst, { team: 'T1', enterprise: null, botExpiresAt: inst.bot!.expiresAt! });
    const raw = await redis.hgetall(keys.installation('T1'));
    const all = JSON.stringify(raw) + JSON.stringify(await redis.smembers(keys.installations));
    expect(all).not.toContain(inst.bot!.token);
    expect(all).not.toContain(inst.bot!.refreshToken!);
    expect(all).not.toContain('Team T1');
    expect(all).not.toMatch(/xox[a-z]-/);
    expect(raw).toMatchObject({ key: 'new', team: 'T1', expires: '1900000000' });
    expect(await records.load({ kind: 'team', id: 'T1' })).toEqual(inst);
    expect(await records.meta({ kind: 'team', id: 'T1' })).toMatchObject({ team: 'T1', keyId: 'new', botExpiresAt: 1_900_000_000 });
  });

  test('a record sealed under an old key id still opens after the rotation, and is sealed again under the new key', async () => {
    const inst = installation('T1');
    await new InstallationRecords(redis, keys, new TokenKeyring([OLD])).save({ kind: 'team', id: 'T1' }, inst, { team: 'T1', enterprise: null, botExpiresAt: null });
    expect(await new InstallationRecords(redis, keys, new TokenKeyring([NEW])).load({ kind: 'team', id: 'T1' }).catch((e: Error) => e.name)).toBe('UnknownKeyError');

    const rotated = new InstallationRecords(redis, keys, new TokenKeyring([NEW, OLD]));
    expect((await rotated.list()).map((m) => m.keyId)).toEqual(['old']);
    expect(await rotated.load({ kind: 'team', id: 'T1' })).toEqual(inst);
    expect((await rotated.list()).map((m) => m.keyId)).toEqual(['new']);
    // Now the old key can go.
    expect(await new InstallationRecords(redis, keys, new TokenKeyring([NEW])).load({ kind: 'team', id: 'T1' })).toEqual(inst);
  });

  test('a record sealed under another team\'s name does not open as this team\'s', async () => {
    const records = new InstallationRecords(redis, keys, new TokenKeyring([NEW]));
    await records.save({ kind: 'team', id: 'T1' }, installation('T1'), { team: 'T1', enterprise: null, botExpiresAt: null });
    await redis.copy(keys.installation('T1'), keys.installation('T2'));
    await expect(records.load({ kind: 'team', id: 'T2' })).rejects.toThrow();
  });

  test('list and delete a team\'s installation; an org\'s goes with the workspaces noted under it', async () => {
    const records = new InstallationRecords(redis, keys, new TokenKeyring([NEW]));
    await records.save({ kind: 'team', id: 'T1' }, installation('T1'), { team: 'T1', enterprise: null, botExpiresAt: null });
    await records.save({ kind: 'team', id: 'T2' }, installation('T2'), { team: 'T2', enterprise: null, botExpiresAt: null });
    await records.save({ kind: 'org', id: 'E1' }, { org: true }, { team: null, enterprise: 'E1', botExpiresAt: null });
    await records.noteOrgTeam('E1', 'T7');
    expect((await records.list()).map((m) => m.ref)).toEqual([
      { kind: 'org', id: 'E1' },
      { kind: 'team', id: 'T1' },
      { kind: 'team', id: 'T2' },
    ]);
    expect(await records.orgOf('T7')).toBe('E1');
    expect(await records.orgTeams('E1')).toEqual(['T7']);

    expect(await records.remove({ kind: 'team', id: 'T1' })).toBe(true);
    expect(await records.remove({ kind: 'team', id: 'T1' })).toBe(false);
    expect(await records.remove({ kind: 'org', id: 'E1' })).toBe(true);
    expect(await records.orgOf('T7')).toBeNull();
    expect((await records.list()).map((m) => m.team)).toEqual(['T2']);
  });
});

describe("Bolt's installation store and the jobs' client per team", () => {
  test('workspace and org-wide installs are stored and fetched as Bolt asks; a missing one throws', async () => {
    const records = new InstallationRecords(redis, keys, new TokenKeyring([NEW]));
    const store = redisInstallationStore(records);
    const inst = installation('T1');
    await store.storeInstallation(inst);
    expect(await store.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).toEqual(inst);
    await expect(store.fetchInstallation({ teamId: 'T9', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(TeamNotInstalledError);

    const org: Installation<'v2', true> = { ...installation('unused'), team: undefined, enterprise: { id: 'E1', name: 'Org' }, isEnterpriseInstall: true };
    await store.storeInstallation(org);
    // A request from a workspace of the org names both: the workspace is noted as the org's.
    expect(await store.fetchInstallation({ teamId: 'T5', enterpriseId: 'E1', isEnterpriseInstall: true })).toEqual(org);
    expect(await records.orgOf('T5')).toBe('E1');

    await store.deleteInstallation!({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await records.meta({ kind: 'team', id: 'T1' })).toBeNull();
    expect(await redisAppInstalls(records).forget({ teamId: 'T5', enterpriseId: 'E1', isEnterpriseInstall: true })).toBe(true);
    expect(await records.list()).toEqual([]);
  });

  test("each team's client is built from what authorize gives for that team, on every use", async () => {
    const records = new InstallationRecords(redis, keys, new TokenKeyring([NEW]));
    await records.save({ kind: 'team', id: 'T1' }, installation('T1'), { team: 'T1', enterprise: 'E0', botExpiresAt: null });
    await records.noteOrgTeam('E1', 'T5');
    const asked: unknown[] = [];
    let n = 0;
    const teams = installedTeamsSlack({
      records,
      authorize: async (source) => {
        asked.push(source);
        return { botToken: `xoxb-${source.teamId}-${++n}` };
      },
      client: (token, team) => ({ token, team }) as never,
      port: (client) => client as unknown as SlackPort,
    });
    expect(await teams.forTeam('T1')).toEqual({ token: 'xoxb-T1-1', team: 'T1' });
    expect(await teams.forTeam('T1')).toEqual({ token: 'xoxb-T1-2', team: 'T1' });
    expect(await teams.forTeam('T5')).toEqual({ token: 'xoxb-T5-3', team: 'T5' });
    await expect(teams.forTeam('T9')).rejects.toThrow(TeamNotInstalledError);
    expect(asked).toEqual([
      { teamId: 'T1', enterpriseId: 'E0', isEnterpriseInstall: false },
      { teamId: 'T1', enterpriseId: 'E0', isEnterpriseInstall: false },
      { teamId: 'T5', enterpriseId: 'E1', isEnterpriseInstall: true },
    ]);
  });
});

test("a team's key patterns match every key kept for it, and none of another team's", async () => {
  const mine = [keys.installation('T1'), keys.installOrg('T1'), keys.interviewCounts('T1'), keys.interview('T1', 'iv1'), keys.channel('T1', 'C1').post('1.2'), keys.channel('T1', 'C2').schedule];
  const theirs = [keys.installation('T12'), keys.channel('T12', 'C1').post('1.2'), keys.team('T1'), keys.orgInstallation('E1')];
  for (const k of [...mine, ...theirs]) await redis.set(k, '1');
  const found = new Set<string>();
  for (const pattern of keys.teamKeyPatterns('T1')) {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      for (const k of batch) found.add(k);
    } while (cursor !== '0');
  }
  expect([...found].sort()).toEqual([...mine].sort());
});
