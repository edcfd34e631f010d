import type { Logger } from '../logger';
import type { ForgetTeamOutcome, InstallSource, UninstallOutcome } from '../model/teams';
import type { AppInstalls } from '../slack/installations';

/** The team's jobs, as the clean-up sees them; implemented in jobs/team-jobs.ts. */
export interface TeamJobs {
  /** Queues the team's clean-up (one at a time per team): a job, so a crash mid-way is retried. */
  forgetTeam(team: string): Promise<void>;
  /**
   * Removes the team's job schedulers and its jobs in every state but running (waiting, delayed, finished);
   * `running` counts its jobs that were running and so could not be removed.
   */
  removeTeamJobs(team: string): Promise<{ schedulers: number; jobs: number; running: number }>;
}

export interface TeamForgetDeps {
  installs: AppInstalls;
  jobs: TeamJobs;
  /** Every other key of the team (store/team-data.ts). */
  data: { forget(team: string): Promise<number> };
  logger: Logger;
}

/**
 * `app_uninstalled`, or `tokens_revoked` for the bot: the installation's tokens are forgotten at once (nothing can
 * use them any more), and each workspace it served gets its clean-up job. Safe to hear twice (Slack redelivers).
 */
export async function teamUninstalled(deps: TeamForgetDeps, source: InstallSource, why: string): Promise<UninstallOutcome> {
  // An org-wide install's workspaces are noted with it, so they are read before it goes.
  const teams = await deps.installs.teamsOf(source);
  const installation = await deps.installs.forget(source);
  for (const team of teams) await deps.jobs.forgetTeam(team);
  deps.logger.info({ team: source.teamId, enterprise: source.enterpriseId, installation, teams }, why);
  return { installation, teams };
}

/** A job met Slack refusing the team's token: the team is treated as uninstalled (its clean-up forgets the installation). */
export async function teamTokenRefused(deps: Pick<TeamForgetDeps, 'jobs' | 'logger'>, team: string, code: string): Promise<void> {
  deps.logger.warn({ team, code }, 'Slack refused the team\'s token to a job: forgetting the team');
  await deps.jobs.forgetTeam(team);
}

/**
 * The clean-up job: everything of the team goes. Its installation first (unless a re-install wrote a newer one
 * after `since`), so no job gets its token; then its schedulers (no new run is created) and its jobs in every state,
 * so none starts later; then its keys. Each step is idempotent: a second run, or two at once, change nothing more.
 * Jobs of the team that were running cannot be removed: the outcome says so, and the job runs again after them,
 * sweeping what they may have written meanwhile.
 */
export async function forgetTeam(deps: TeamForgetDeps, req: { team: string; since: number }): Promise<ForgetTeamOutcome> {
  const installation = await deps.installs.forgetTeam(req.team, req.since);
  const jobs = await deps.jobs.removeTeamJobs(req.team);
  const keys = await deps.data.forget(req.team);
  const outcome: ForgetTeamOutcome = { status: jobs.running > 0 ? 'jobs-running' : 'forgotten', installation, ...jobs, keys };
  deps.logger.info({ team: req.team, ...outcome }, 'a workspace was forgotten');
  return outcome;
}
