/** App Home's read-only parts: readiness, calibration, channel boards, mock interviews. Every sentence of them is here. */
import { QUESTION_LEVELS, selfLevel } from '../model/levels';
import type { CalibrationLine, ChannelStanding, HomeInterviews, ReadinessCategory, ReadinessPack } from '../model/home';
import { context, escapedText, section, type Blocks } from './blocks';
import { pointsText } from './points';
import { dayLabel } from './review';

/** Packs with a section of their own on Home; the rest are counted in one line. */
export const HOME_PACKS_SHOWN = 10;
/** Categories listed per pack. */
export const HOME_CATEGORIES_SHOWN = 8;
/** Packs listed under calibration. */
export const HOME_CALIBRATION_SHOWN = 5;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const percent = (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0);
/** A channel link, only for ids of Slack's shape (they come from Redis, where they arrived with a request). */
const channelLink = (id: string) => (/^[CG][A-Z0-9]{2,}$/.test(id) ? `<#${id}>` : 'a channel');

/** `🟢 1 of 2 · 🟡 0 of 1`: per level, the answers at or above it out of all answers. */
function cellsLine(c: ReadinessCategory): string {
  return c.cells.map((cell) => `${QUESTION_LEVELS[cell.level].emoji} ${cell.atLevel} of ${cell.total}`).join(' · ');
}

function packSection(p: ReadinessPack): string {
  const lines = [`*${escapedText(p.title, 100)}*: ${p.atLevel} of ${plural(p.total, 'answer')} at level (${percent(p.atLevel, p.total)}%)`];
  for (const c of p.categories.slice(0, HOME_CATEGORIES_SHOWN)) lines.push(`• ${escapedText(c.category, 80)}: ${cellsLine(c)}`);
  const more = p.categories.length - HOME_CATEGORIES_SHOWN;
  if (more > 0) lines.push(`_…and ${plural(more, 'more topic')} in this pack_`);
  return lines.join('\n');
}

/** Readiness per pack, category and level: the share of answers reported at or above the question's level. */
export function readinessBlocks(packs: readonly ReadinessPack[]): Blocks {
  const intro =
    '*📈 Readiness*: how often your answers reached each question\'s level (🟢 Beginner · 🟡 Intermediate · 🔴 Advanced), counting your answers in channels, your reviews and the ratings interviewers gave you.';
  if (!packs.length) return [section(`${intro}\nNothing yet: reveal a question's answer in a channel and say how well you knew it, and your readiness shows here.`)];
  const blocks: Blocks = [section(intro), ...packs.slice(0, HOME_PACKS_SHOWN).map((p) => section(packSection(p)))];
  const more = packs.slice(HOME_PACKS_SHOWN);
  if (more.length) {
    const answers = more.reduce((n, p) => n + p.total, 0);
    blocks.push(context(`…and ${plural(more.length, 'more pack')} with ${plural(answers, 'answer')} between them.`));
  }
  return blocks;
}

/** `about half a level above your interviewers`, to the nearest half level. */
export function levelGap(difference: number): string {
  const halves = Math.round(Math.abs(difference) * 2);
  if (halves === 0) return 'about the same as your interviewers do';
  const whole = Math.floor(halves / 2);
  const half = halves % 2 === 1;
  const size = whole === 0 ? 'half a level' : whole === 1 ? (half ? 'a level and a half' : 'a level') : `${whole}${half ? ' and a half' : ''} levels`;
  return `about ${size} ${difference > 0 ? 'above' : 'below'} your interviewers`;
}

/** How self-reports compare with interviewers' ratings on the same categories and levels. Private to the person. */
export function calibrationBlocks(lines: readonly CalibrationLine[]): Blocks {
  const title = '*🎯 Calibration* (only you see this)';
  if (!lines.length) {
    return [section(`${title}\nWhen interviewers have rated you on questions of a topic and level you also answered yourself, this shows how your own answers compare with their ratings.`)];
  }
  const shown = lines.slice(0, HOME_CALIBRATION_SHOWN).map(
    (l) => `• You rate yourself ${levelGap(l.difference)} in *${escapedText(l.title, 100)}* (${plural(l.answers, 'answer')} on both sides).`,
  );
  const more = lines.length - HOME_CALIBRATION_SHOWN;
  if (more > 0) shown.push(`_…and ${plural(more, 'more pack')}_`);
  return [section(`${title}\n${shown.join('\n')}`)];
}

function standingLine(s: ChannelStanding): string {
  const streak = s.streak > 0 ? `, 🔥 ${s.streak} in a row` : '';
  return `• ${channelLink(s.channel)}: ${pointsText(s.points)}, rank ${s.rank}, ${s.answers} answered${streak}`;
}

/** Points, rank and question-of-the-day streak in each channel the person answered in (boards are per channel). */
export function channelBlocks(channels: readonly ChannelStanding[], more: number): Blocks {
  const title = '*📊 Your channels* (all time)';
  if (!channels.length) return [section(`${title}\nNo answers in a channel yet. Invite me to one and type \`/devops-quiz\` for a question.`)];
  const lines = channels.map(standingLine);
  if (more > 0) lines.push(`_…and ${plural(more, 'more channel')}: \`/devops-quiz stats\` there shows yours._`);
  return [section(`${title}\n${lines.join('\n')}`)];
}

/** Mock interviews given and taken, with the summary of the latest one taken. */
export function interviewBlocks(iv: HomeInterviews, tz: string | null): Blocks {
  const lines = [`*🎤 Mock interviews*: ${iv.given} given, ${iv.taken} taken.`];
  const l = iv.latest;
  if (!l) {
    lines.push('None taken yet: ask a teammate to run `/devops-quiz mock @you` in a channel.');
  } else {
    const overall = l.overall === null ? 'no answer rated' : `overall ${selfLevel(l.overall).emoji} ${selfLevel(l.overall).label}`;
    const skipped = l.skipped ? `, ${l.skipped} skipped` : '';
    lines.push(`Latest, in ${channelLink(l.channel)} on ${dayLabel(l.at, tz)}: ${plural(l.asked, 'question')}, ${l.rated} rated${skipped}; ${overall}.`);
    if (l.studyNext.length) lines.push(`📚 Study next: ${l.studyNext.map((t) => escapedText(t.category, 60)).join(', ')}`);
  }
  return [section(lines.join('\n'))];
}
