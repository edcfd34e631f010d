import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ActionRouter } from './router';
import type { QuizDeps } from '../../quiz/deps';
import { recordLevel } from '../../quiz/record-level';
import { parseLevelScore, selfLevel } from '../../model/levels';
import { RECORD_LEVEL_ACTION_PREFIX } from '../../views/answer-message';
import { notice } from '../../views/notice';
import { replyEphemeral, withFailureReply } from '../reply';

const ACTION_PATTERN = new RegExp(`^${RECORD_LEVEL_ACTION_PREFIX}[0-3]$`);

/** "How well did you know this?": records the clicker's level and confirms it to them alone. */
export function registerRecordLevel(app: ActionRouter, deps: QuizDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_PATTERN, async ({ ack, body, action, respond, context }) => {
    await ack();
    await withFailureReply(respond, deps.logger, async () => {
      // The value is exactly `<post ts>|<level>`, as the answer message wrote it.
      const [, postTs, scoreText] = /^(\d{1,12}\.\d{1,7})\|(\d)$/.exec(action.value ?? '') ?? [];
      const score = parseLevelScore(scoreText ?? '');
      // The level is named twice (action id and value); a button that disagrees with itself was tampered with.
      if (score === null || !postTs || action.action_id !== `${RECORD_LEVEL_ACTION_PREFIX}${score}`) {
        return replyEphemeral(respond, notice('That button does not belong to a question I know, so nothing was recorded.'), deps.logger);
      }
      const result = await recordLevel(deps, {
        team: context.teamId ?? body.team?.id ?? '',
        channel: body.container?.channel_id ?? body.channel?.id ?? '',
        postTs,
        fromTs: body.container?.message_ts ?? body.message?.ts ?? '',
        user: body.user.id,
        score,
        actionTs: action.action_ts,
      });
      const level = selfLevel(score);
      const points = `${score} point${score === 1 ? '' : 's'}`;
      const text = {
        new: `${level.emoji} Recorded: *${level.label}* (${points}). Thanks for being honest; you can change it any time.`,
        changed: result.previous !== null ? `${level.emoji} Changed from ${selfLevel(result.previous).label} to *${level.label}* (${points}).` : '',
        same: `${level.emoji} You already answered *${level.label}* for this question.`,
        stale: `Your answer to this question is already *${result.previous !== null ? selfLevel(result.previous).label : level.label}*: that click came after a newer one, so nothing changed.`,
        mismatch: 'That button does not belong to this question, so nothing was recorded.',
        missing: 'This question is no longer in my records, so nothing was recorded.',
      }[result.status];
      await replyEphemeral(respond, notice(text), deps.logger);
    });
  });
}
