import type { Redis } from 'ioredis';
import type { Keys } from './keys';
import type { TokenKeyring } from './token-crypto';
import { withScripts } from './scripts/define';
import { RESEAL_INSTALLATION } from './scripts/reseal-installation';
import { FORGET_INSTALLATION_BEFORE } from './scripts/forget-installation';

interface InstallScripts {
  dqResealInstallation(key: string, read: string, keyId: string, sealed: string): Promise<number>;
  dqForgetInstallationBefore(key: string, since: string): Promise<number>;
}

/** One installation: a workspace's (`team`), or an Enterprise Grid org's (`org`, one for all its workspaces). */
export type InstallRef = { kind: 'team'; id: string } | { kind: 'org'; id: string };

/** What can be read of an installation without opening it: no token, no name. */
export interface InstallMeta {
  ref: InstallRef;
  /** The workspace, for a workspace install. */
  team: string | null;
  enterprise: string | null;
  /** The key it is sealed with (SLACK_TOKEN_KEY's ids). */
  keyId: string;
  /** When it was last written (installed, or a token refreshed), epoch ms. */
  updatedAt: number;
  /** When its bot token expires (epoch seconds, as Slack says), or null for a token that does not. */
  botExpiresAt: number | null;
}

/**
 * The installations of a distributed app, in Redis: one hash per workspace or org, its record (tokens included)
 * sealed with AES-256-GCM and bound to whose it is (`team:T…`), beside the key id and clear metadata for listing.
 * Single commands rather than MULTI: the record and the index live in different Cluster slots.
 */
export class InstallationRecords {
  private readonly redis: Redis & InstallScripts;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
    private readonly keyring: TokenKeyring,
    private readonly now: () => number = Date.now,
  ) {
    this.redis = withScripts<InstallScripts>(redis, { dqResealInstallation: RESEAL_INSTALLATION, dqForgetInstallationBefore: FORGET_INSTALLATION_BEFORE });
  }

  private keyOf(ref: InstallRef): string {
    return ref.kind === 'team' ? this.keys.installation(ref.id) : this.keys.orgInstallation(ref.id);
  }

  private static member(ref: InstallRef): string {
    return `${ref.kind}:${ref.id}`;
  }

  /** Seals and writes a record (replacing the one before), and lists it. */
  async save(ref: InstallRef, record: unknown, meta: { team: string | null; enterprise: string | null; botExpiresAt: number | null }): Promise<void> {
    const key = this.keyOf(ref);
    const sealed = this.keyring.seal(JSON.stringify(record), InstallationRecords.member(ref));
    await this.redis.hset(key, {
      key: sealed.keyId,
      sealed: sealed.data,
      team: meta.team ?? '',
      enterprise: meta.enterprise ?? '',
      updated: String(this.now()),
      expires: meta.botExpiresAt === null ? '' : String(meta.botExpiresAt),
    });
    await this.redis.sadd(this.keys.installations, InstallationRecords.member(ref));
  }

  /**
   * The record, opened; null when there is none. Throws when it cannot be opened (its key is not listed). A record
   * sealed with an older key is sealed again with the current one as it is read, so after a rotation the old key
   * can go once `list()` shows no record under it.
   */
  async load<T>(ref: InstallRef): Promise<T | null> {
    const key = this.keyOf(ref);
    const [keyId, data] = await this.redis.hmget(key, 'key', 'sealed');
    if (!keyId || !data) return null;
    const context = InstallationRecords.member(ref);
    const plaintext = this.keyring.open({ keyId, data }, context);
    if (keyId !== this.keyring.currentKeyId) {
      const again = this.keyring.seal(plaintext, context);
      await this.redis.dqResealInstallation(key, data, again.keyId, again.data);
    }
    return JSON.parse(plaintext) as T;
  }

  async meta(ref: InstallRef): Promise<InstallMeta | null> {
    const h = await this.redis.hgetall(this.keyOf(ref));
    if (!h.sealed) return null;
    return {
      ref,
      team: h.team || null,
      enterprise: h.enterprise || null,
      keyId: h.key,
      updatedAt: Number(h.updated),
      botExpiresAt: h.expires ? Number(h.expires) : null,
    };
  }

  /** Every installation, with its metadata (for clean-up, re-sealing after a key rotation, a bench). */
  async list(): Promise<InstallMeta[]> {
    const members = await this.redis.smembers(this.keys.installations);
    const found: InstallMeta[] = [];
    for (const member of members.sort()) {
      const colon = member.indexOf(':');
      const kind = member.slice(0, colon);
      if (kind !== 'team' && kind !== 'org') continue;
      const meta = await this.meta({ kind, id: member.slice(colon + 1) });
      if (meta) found.push(meta);
    }
    return found;
  }

  /** Deletes an installation (an org's also forgets its workspaces); false when there was none. */
  async remove(ref: InstallRef): Promise<boolean> {
    await this.redis.srem(this.keys.installations, InstallationRecords.member(ref));
    if (ref.kind === 'org') {
      for (const team of await this.redis.smembers(this.keys.orgTeams(ref.id))) await this.redis.del(this.keys.installOrg(team));
      await this.redis.del(this.keys.orgTeams(ref.id));
    }
    return (await this.redis.del(this.keyOf(ref))) > 0;
  }

  /**
   * A team's clean-up: deletes the workspace's own installation if it was written at or before `since` (epoch ms; a
   * re-install after it stays), and its link to an org-wide installation. False when there was none to delete.
   */
  async removeTeamBefore(team: string, since: number): Promise<boolean> {
    const ref: InstallRef = { kind: 'team', id: team };
    const key = this.keyOf(ref);
    const removed = (await this.redis.dqForgetInstallationBefore(key, String(since))) === 1;
    if (!(await this.redis.exists(key))) await this.redis.srem(this.keys.installations, InstallationRecords.member(ref));
    const enterprise = await this.orgOf(team);
    if (enterprise) await this.redis.srem(this.keys.orgTeams(enterprise), team);
    await this.redis.del(this.keys.installOrg(team));
    return removed;
  }

  /** The enterprise whose org-wide installation serves the workspace, when one was noted. */
  async orgOf(team: string): Promise<string | null> {
    return this.redis.get(this.keys.installOrg(team));
  }

  /** Notes that the workspace is served by the org's installation (jobs then know where its token is). */
  async noteOrgTeam(enterprise: string, team: string): Promise<void> {
    await this.redis.set(this.keys.installOrg(team), enterprise);
    await this.redis.sadd(this.keys.orgTeams(enterprise), team);
  }

  /** The workspaces noted under an org's installation. */
  async orgTeams(enterprise: string): Promise<string[]> {
    return (await this.redis.smembers(this.keys.orgTeams(enterprise))).sort();
  }
}
