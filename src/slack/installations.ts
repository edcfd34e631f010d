/**
 * Many workspaces: Bolt's `InstallationStore` over the sealed Redis records (store/installations.ts), and the one
 * way jobs get a Web API client, from the team they serve.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { InstallationRecords, InstallRef } from '../store/installations';
import type { InstallSource } from '../model/teams';
import type { SlackPort } from './port';

/** The team has no installation (never installed, or uninstalled): nothing can be posted for it. */
export class TeamNotInstalledError extends Error {
  constructor(readonly team: string) {
    super(`no installation for team ${team}`);
    this.name = 'TeamNotInstalledError';
  }
}

/** Which record serves a query: an org-wide install by enterprise, any other by workspace. */
function refFor(query: Pick<InstallationQuery<boolean>, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>): InstallRef {
  if (query.isEnterpriseInstall && query.enterpriseId) return { kind: 'org', id: query.enterpriseId };
  if (query.teamId) return { kind: 'team', id: query.teamId };
  throw new Error('installation query without a team or an org-wide enterprise');
}

/**
 * Bolt's installation store over Redis: one sealed record per workspace, or per enterprise for an org-wide
 * install. A workspace of an org-wide install is noted as the org's when its first request arrives (Bolt's query
 * names both), so that jobs, which know only the team, find the org's record.
 */
export function redisInstallationStore(records: InstallationRecords): InstallationStore {
  const noted = new Set<string>();
  return {
    async storeInstallation(installation) {
      const org = installation.isEnterpriseInstall === true;
      const enterprise = installation.enterprise?.id ?? null;
      const team = installation.team?.id ?? null;
      if (org && !enterprise) throw new Error('org-wide installation without an enterprise id');
      if (!org && !team) throw new Error('installation without a team id');
      const ref: InstallRef = org ? { kind: 'org', id: enterprise! } : { kind: 'team', id: team! };
      await records.save(ref, installation, { team: org ? null : team, enterprise, botExpiresAt: installation.bot?.expiresAt ?? null });
    },
    async fetchInstallation(query) {
      const ref = refFor(query);
      const found = await records.load<Installation>(ref);
      if (!found) throw new TeamNotInstalledError(query.teamId ?? query.enterpriseId ?? 'unknown');
      if (ref.kind === 'org' && query.teamId && !noted.has(query.teamId)) {
        await records.noteOrgTeam(ref.id, query.teamId);
        noted.add(query.teamId);
      }
      return found;
    },
    async deleteInstallation(query) {
      await records.remove(refFor(query));
    },
  };
}

/** What Bolt's installer answers for a team: its bot token, fetched and, within 2 hours of expiry, refreshed. */
export type Authorize = (source: { teamId: string; enterpriseId: string | undefined; isEnterpriseInstall: boolean }) => Promise<{ botToken?: string }>;

/** The Web API, per team, for code that runs outside a Slack request (jobs). */
export interface TeamSlack {
  /** The port of the team's bot, with a token got for this use only: callers never keep it across runs. */
  forTeam(team: string): Promise<SlackPort>;
  /**
   * Distribution mode: Slack refused the team's token to a job (`account_inactive`, `invalid_auth`,
   * `token_revoked`), so the team is treated as uninstalled and forgotten. Absent with one workspace, whose token is
   * the operator's to fix.
   */
  tokenRefused?(team: string, code: string): Promise<void>;
}

/** Single-workspace mode: every team is the one of `SLACK_BOT_TOKEN`. */
export function oneWorkspaceSlack(port: SlackPort): TeamSlack {
  return { forTeam: async () => port };
}

/**
 * Distribution mode: each call asks the installer for the team's token (from Redis, refreshed and written back when
 * it expires within 2 hours) and builds a client with it, so a rotated token is picked up on the next run.
 */
export function installedTeamsSlack(opts: {
  records: Pick<InstallationRecords, 'meta' | 'orgOf'>;
  authorize: Authorize;
  port: (client: WebClient) => SlackPort;
  client: (token: string, team: string) => WebClient;
}): TeamSlack {
  return {
    async forTeam(team) {
      const own = await opts.records.meta({ kind: 'team', id: team });
      let source: Parameters<Authorize>[0];
      if (own) source = { teamId: team, enterpriseId: own.enterprise ?? undefined, isEnterpriseInstall: false };
      else {
        const enterprise = await opts.records.orgOf(team);
        if (!enterprise) throw new TeamNotInstalledError(team);
        source = { teamId: team, enterpriseId: enterprise, isEnterpriseInstall: true };
      }
      const { botToken } = await opts.authorize(source);
      if (!botToken) throw new TeamNotInstalledError(team);
      return opts.port(opts.client(botToken, team));
    },
  };
}

/** What uninstalling does with installations: the app_uninstalled and tokens_revoked listeners, a team's clean-up. */
export interface AppInstalls {
  /** Forgets the installation (its tokens no longer work); false when there was none, or nothing is kept (single workspace). */
  forget(source: InstallSource): Promise<boolean>;
  /** The workspaces the installation serves: the team, or an org-wide one's workspaces noted so far (read before `forget`). */
  teamsOf(source: InstallSource): Promise<string[]>;
  /** A team's clean-up: forgets its own installation written at or before `since` (epoch ms), and its link to an org. */
  forgetTeam(team: string, since: number): Promise<boolean>;
}

export function redisAppInstalls(records: Pick<InstallationRecords, 'remove' | 'orgTeams' | 'removeTeamBefore'>): AppInstalls {
  return {
    async forget(source) {
      if (source.isEnterpriseInstall && source.enterpriseId) return records.remove({ kind: 'org', id: source.enterpriseId });
      return source.teamId ? records.remove({ kind: 'team', id: source.teamId }) : false;
    },
    async teamsOf(source) {
      const teams = source.isEnterpriseInstall && source.enterpriseId ? await records.orgTeams(source.enterpriseId) : [];
      return [...new Set([...teams, ...(source.teamId ? [source.teamId] : [])])];
    },
    forgetTeam: (team, since) => records.removeTeamBefore(team, since),
  };
}

/** Single-workspace mode keeps no installation (SLACK_BOT_TOKEN is the operator's); the workspace's data still goes. */
export const NO_APP_INSTALLS: AppInstalls = {
  forget: async () => false,
  teamsOf: async (source) => (source.teamId ? [source.teamId] : []),
  forgetTeam: async () => false,
};
