import { UnrecoverableError, type Job } from 'bullmq';
import { tokenRefused } from '../slack/errors';
import { TeamNotInstalledError, type TeamSlack } from '../slack/installations';
import type { SlackPort } from '../slack/port';
import type { JobHandler } from './workers';

/** A job handler that talks to Slack, given the Web API of the team its job serves. */
export type SlackJobHandler = (job: Job, token: string | undefined, slack: SlackPort) => Promise<unknown>;

/**
 * Gives a job the Web API of the team named in its data, got for this run (a token refreshed since the last run is
 * the one used). A team without an installation has nothing to post to: no retry. A call of the run that Slack
 * answers `account_inactive`, `invalid_auth` or `token_revoked` means the team is gone, even when the rule took the
 * failure in its stride (a question of the day pauses its channel): the team is forgotten (`tokenRefused`) and the
 * job ends without a retry.
 */
export function teamJob(teams: TeamSlack, run: SlackJobHandler): JobHandler {
  return async (job, token) => {
    const team = (job.data as { team?: unknown }).team;
    if (typeof team !== 'string' || !team) throw new UnrecoverableError(`${job.name} job without a team`);
    let slack: SlackPort;
    try {
      slack = await teams.forTeam(team);
    } catch (error) {
      if (error instanceof TeamNotInstalledError) throw new UnrecoverableError(error.message);
      throw error;
    }
    if (!teams.tokenRefused) return run(job, token, slack);
    let refused: string | null = null;
    let result: unknown;
    try {
      result = await run(job, token, watchToken(slack, (code) => (refused ??= code)));
    } catch (error) {
      if (!refused) throw error;
    }
    if (!refused) return result;
    await teams.tokenRefused(team, refused);
    throw new UnrecoverableError(`Slack refused the token of team ${team} (${refused}): the team is being forgotten`);
  };
}

/** The same port, telling `heard` the code of any call Slack refused for its token (the call still fails as it did). */
function watchToken(port: SlackPort, heard: (code: string) => void): SlackPort {
  const watched: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(port) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
    watched[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        const code = tokenRefused(error);
        if (code) heard(code);
        throw error;
      }
    };
  }
  return watched as unknown as SlackPort;
}
