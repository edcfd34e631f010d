import { createHash, randomBytes } from 'node:crypto';
import type { Level } from '../model/levels';
import type { SlackPort } from '../slack/port';
import { channelProblem, classifySlackError } from '../slack/errors';
import type { SlackMessage } from '../views/blocks';
import { askDelayedNotice, NO_QUESTION_FOR_FILTER } from '../views/notices/quiz';
import { failureNotice } from '../views/notices/failure';
import type { QuizDeps } from './deps';
import { postOnce, PostInFlightError, type PostOnceResult } from './post-once';
import { postQuestion } from './post-question';

/** A question one person asked for with `/devops-quiz`, as its job carries it (ids and settings only). */
export interface AskRequest {
  team: string;
  channel: string;
  user: string;
  level: Level | null;
  topics: string[];
  /** The command's trigger_id, cleaned: one command, one question, however often it is delivered or retried. */
  trigger: string;
  /** When the command arrived (ms). */
  askedAt: number;
  /** The command's response_url: where the person is told, privately, how it goes (null when there is none). */
  replyTo: string | null;
}

export type AskQueued = { status: 'queued'; trigger: string } | { status: 'no-questions' };

/**
 * Takes a question asked for with the slash command: one that no question matches is answered at once; any
 * other is posted by a job (see postAskedQuestion), the same exactly-once path as a question of the day.
 */
export async function askForQuestion(deps: QuizDeps, req: Omit<AskRequest, 'trigger'> & { trigger: string | undefined }): Promise<AskQueued> {
  if (deps.index.select({ level: req.level, topics: req.topics }).length === 0) return { status: 'no-questions' };
  const trigger = triggerKey(req.trigger);
  await deps.jobs.askQuestion({ ...req, trigger });
  return { status: 'queued', trigger };
}

/**
 * Slack's trigger_ids (`1234.5678.9abc`) are kept as they are; anything else is hashed, so it can name a key and
 * a job. Without one, the command gets a fresh id of its own (no redelivery can be recognised then).
 */
function triggerKey(trigger: string | undefined): string {
  if (!trigger) return `x${randomBytes(12).toString('hex')}`;
  return /^[A-Za-z0-9.]{1,120}$/.test(trigger) ? trigger : `h${createHash('sha256').update(trigger).digest('hex').slice(0, 32)}`;
}

/** Telling the person how their question is doing: private, and best effort (a response_url takes 5 messages in 30 minutes). */
export interface AskReplies {
  tell(message: SlackMessage): Promise<void>;
  /** Whether they were already told that Slack holds the question back (kept across the job's runs). */
  toldDelay: boolean;
  markToldDelay(): Promise<void>;
}

/**
 * Posts the asked-for question exactly once (claimed by its trigger_id; a retry after a crash looks for the post
 * in the channel first). Slack's failures are thrown on for the job to handle (a 429 waits exactly Retry-After);
 * first the person hears what they need: once that the question is delayed, why it cannot be posted here, or, on
 * the job's last attempt, that it failed.
 */
export async function postAskedQuestion(
  deps: QuizDeps,
  slack: SlackPort,
  replies: AskReplies,
  req: AskRequest & { attempt: string; lastAttempt: boolean },
): Promise<PostOnceResult> {
  const occurrence = `${req.channel}/ask/${req.trigger}`;
  try {
    const result = await postOnce(deps, slack, {
      team: req.team,
      channel: req.channel,
      occasion: { kind: 'ask', trigger: req.trigger },
      occurrence,
      kind: 'adhoc',
      requestedBy: req.user,
      attempt: req.attempt,
      since: req.askedAt - 60_000,
      postedAt: req.askedAt,
      post: () =>
        postQuestion(deps, slack, { team: req.team, channel: req.channel, filter: { level: req.level, topics: req.topics }, kind: 'adhoc', requestedBy: req.user, occurrence }),
    });
    if (result.status === 'no-questions') await replies.tell(NO_QUESTION_FOR_FILTER);
    return result;
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate-limited') {
      if (!replies.toldDelay) {
        await replies.tell(askDelayedNotice(failure.retryAfterMs / 1000));
        await replies.markToldDelay();
      }
    } else if (failure.kind === 'permanent') {
      // No retry follows (the channel is closed to the bot, or its token is bad).
      await replies.tell(failureNotice(channelProblem(error) ?? 'other'));
    } else if (req.lastAttempt && !(error instanceof PostInFlightError)) {
      await replies.tell(failureNotice('other'));
    }
    throw error;
  }
}
