/** A whole workspace leaving: the app uninstalled, its bot token revoked, or its token refused to a job. */

/** Whose installation an event is about: a workspace's, or an Enterprise Grid org's (org-wide install). */
export interface InstallSource {
  teamId: string | undefined;
  enterpriseId: string | undefined;
  isEnterpriseInstall: boolean;
}

/** What an uninstall did at once; the rest of the team's data goes in a clean-up job per team. */
export interface UninstallOutcome {
  /** Whether an installation (its tokens) was forgotten. */
  installation: boolean;
  /** The workspaces whose clean-up was started. */
  teams: string[];
}

/** What one run of a team's clean-up removed. */
export interface TeamCleanup {
  /** The workspace's own installation, when it was written before the clean-up was asked for. */
  installation: boolean;
  schedulers: number;
  jobs: number;
  keys: number;
  /** The team's jobs that were running and could not be removed yet: the clean-up runs again after them. */
  running: number;
}

/** `forgotten`: nothing of the team is left; `jobs-running`: some of its jobs were running, so it runs again after them. */
export type ForgetTeamOutcome = { status: 'forgotten' | 'jobs-running' } & TeamCleanup;
