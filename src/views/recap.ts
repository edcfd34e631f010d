/**
 * The weekly team recap as posted in the channel. It names people only for their running streaks (public on the
 * leaderboard already); the hardest question is told by its share of answers, never by who gave them.
 */
import { format } from 'date-fns';
import { tz as inZone } from '@date-fns/tz';
import { QUESTION_LEVELS, SELF_LEVELS } from '../model/levels';
import type { Recap, RecapQuestion } from '../model/recaps';
import { context, escapedText, fallbackText, mention, section, type SlackMessage } from './blocks';

/** Questions listed by name; a busier week says how many more. */
export const RECAP_LIST_MAX = 10;

/** `8–14 Jun` (or `29 Jun – 5 Jul`): the seven days before the recap, in the channel's zone. */
export function weekLabel(from: number, to: number, tz: string): string {
  const opts = { in: inZone(tz) };
  const last = to - 1;
  const sameMonth = format(from, 'MMM yyyy', opts) === format(last, 'MMM yyyy', opts);
  return sameMonth ? `${format(from, 'd', opts)}–${format(last, 'd MMM', opts)}` : `${format(from, 'd MMM', opts)} – ${format(last, 'd MMM', opts)}`;
}

/** `🟢 1 · 🟡 2 · 🔴 0 · 📚 1`, or that nobody answered. */
function mixLine(q: RecapQuestion): string {
  const total = q.tally.reduce((a, b) => a + b, 0);
  if (total === 0) return '_no answers_';
  return SELF_LEVELS.map((l) => `${l.emoji} ${q.tally[l.score]}`).join(' · ');
}

function questionLine(q: RecapQuestion): string {
  return `• ${QUESTION_LEVELS[q.level].emoji} ${escapedText(q.title, 150)}  —  ${mixLine(q)}`;
}

/** A link Slack gave, for `<url|text>`: only a plain https URL (nothing in it can end the link early), `&` escaped as mrkdwn wants. */
function safeLink(url: string | null): string | null {
  return url && /^https:\/\/[^\s<>|]+$/.test(url) ? url.replace(/&/g, '&amp;') : null;
}

export function recapMessage(r: Recap): SlackMessage {
  const count = r.questions.length;
  const blocks = [section(`📰 *Weekly recap* · ${weekLabel(r.from, r.to, r.tz)}: ${count} question${count === 1 ? '' : 's'} this week`)];
  const shown = r.questions.slice(0, RECAP_LIST_MAX).map(questionLine);
  if (count > RECAP_LIST_MAX) shown.push(`…and ${count - RECAP_LIST_MAX} more`);
  blocks.push(section(`*The week's questions* (how the channel knew them)\n${shown.join('\n')}`));

  if (r.hardest) {
    const h = r.hardest;
    const title = escapedText(h.question.title, 150);
    const link = safeLink(h.permalink);
    const share = `${h.below} of ${h.answers} answer${h.answers === 1 ? '' : 's'} were 📚 Not yet or below its ${QUESTION_LEVELS[h.question.level].label} level`;
    blocks.push(section(`🧗 *Hardest this week:* ${link ? `<${link}|${title}>` : title}\n${share}. Worth another look in the thread.`));
  } else {
    blocks.push(section('🧗 *Hardest this week:* none. Every answer was at or above its question\'s level. 💪'));
  }

  const streaks = r.streaks.length ? r.streaks.map((s) => `${mention(s.user)} 🔥 ${s.streak}`).join('  ·  ') : 'none running yet: answer the question of the day two days in a row to start one';
  blocks.push(section(`🔥 *Streak leaders:* ${streaks}`));
  blocks.push(section(`✅ *Review cards cleared:* ${r.cleared === 0 ? 'none this week' : `${r.cleared} this week`} (a card clears when its question is known at its level in reviews)`));
  blocks.push(context('`/devops-quiz leaderboard week` for this week\'s points · `/devops-quiz review` for your own cards · `/devops-quiz schedule recap off` turns the recap off'));

  const hardest = r.hardest ? ` Hardest: ${r.hardest.question.title}.` : '';
  return { text: fallbackText(`Weekly recap, ${weekLabel(r.from, r.to, r.tz)}: ${count} question${count === 1 ? '' : 's'}.${hardest} ${r.cleared} review cards cleared.`), blocks };
}
