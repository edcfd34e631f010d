import { UnrecoverableError, type Job } from 'bullmq';
import { TeamNotInstalledError, type TeamSlack } from '../slack/installations';
import type { SlackPort } from '../slack/port';
import type { JobHandler } from './workers';

/** A job handler that talks to Slack, given the Web API of the team its job serves. */
export type SlackJobHandler = (job: Job, token: string | undefined, slack: SlackPort) => Promise<unknown>;

/**
 * Gives a job the Web API of the team named in its data, got for this run (a token refreshed since the last run is
 * the one used). A team without an installation has nothing to post to: no retry.
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
    return run(job, token, slack);
  };
}
