/**
 * What a new user types and what they read back, through the real app (signed commands typed as a person types
 * them, so the driver sends what Slack sends), checked as the playground's page renders it: time zones by IANA
 * name only, schedule changes announced in the channel, input quoted back exactly as typed, and short error
 * replies that name every word not understood.
 */
import { bootBot, CHANNEL, USERS, eventually, type BotHarness } from '../support/bot-harness';
import { renderMessage, type RenderContext } from '../../dev/playground/render';
import { BullQuizJobs } from '../../src/jobs/quiz-jobs';
import { expectInertMessage } from '../abuse/inert';
import type { SlackMessage } from '../../src/views/blocks';

let h: BotHarness;

beforeEach(async () => {
  h = await bootBot();
});
afterEach(async () => {
  await h.stop();
});

const names: Record<string, string> = { [USERS.alice]: 'alice', [USERS.bob]: 'bob', [USERS.carol]: 'carol', [USERS.admin]: 'admin' };
const ctx: RenderContext = { userName: (id) => names[id] };

/** What a person sees of a message on the playground's page: the rendered HTML's text. */
function seen(message: { text?: string; blocks?: unknown[] }): string {
  return renderMessage({ text: message.text ?? '', blocks: (message.blocks ?? []) as SlackMessage['blocks'] }, ctx)
    .replace(/<\/?(?:b|i|s|code|span|a)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Types `/devops-quiz <typed>` as `user` and returns what the private reply shows. */
async function privately(user: string, typed: string): Promise<{ shown: string; message: SlackMessage }> {
  const before = h.slack.ephemeralsFor(user, { channelId: CHANNEL }).length;
  const res = await h.driver.command({ typed, userId: user, channelId: CHANNEL });
  expect(res.status).toBe(200);
  const reply = await eventually(() => h.slack.ephemeralsFor(user, { channelId: CHANNEL })[before], 5000, `a reply to ${typed}`);
  const message = { text: reply.text ?? '', blocks: (reply.blocks ?? []) as unknown as SlackMessage['blocks'] };
  expectInertMessage(message, { allowUsers: Object.values(USERS) });
  return { shown: seen(reply), message };
}

/** Types a schedule command as the admin and returns the channel message it announced. */
async function announced(typed: string): Promise<string> {
  const before = h.slack.messages(CHANNEL).length;
  await h.driver.command({ typed, userId: USERS.admin, channelId: CHANNEL });
  return seen(await eventually(() => h.slack.messages(CHANNEL)[before], 5000, `announcement of ${typed}`));
}

const schedulers = () => h.bot.queues.qotd.getJobSchedulersCount();

test('the driver sends typed text as Slack does: & < > escaped, members resolved, unknown @names plain', async () => {
  const sent = await h.driver.command({ typed: 'terraform&aws <!channel> @bob @nobody', userId: USERS.alice, channelId: CHANNEL });
  expect(sent.form.text).toBe(`terraform&amp;aws &lt;!channel&gt; <@${USERS.bob}|bob> @nobody`);
});

describe('time zones', () => {
  test.each([
    ['EST', 'America/New_York'],
    ['pst', 'America/Los_Angeles'],
    ['CET', 'Europe/Berlin'],
    ['IST', 'Asia/Calcutta|Asia/Kolkata'],
    ['GMT', 'Europe/London'],
    ['UTC+2', '(?:Europe|Asia|Africa)/[A-Za-z_]+'],
    ['GMT-05:00', 'America/'],
  ])('%s is answered with the IANA names to use, and nothing is scheduled', async (zone, suggested) => {
    const { shown } = await privately(USERS.admin, `schedule 09:30 ${zone} weekdays`);
    expect(shown).toMatch(new RegExp(`^ ?⚠️ ${zone.replace('+', '\\+')} is (ambiguous|a fixed offset)`));
    expect(shown).toMatch(new RegExp(`Use .*(${suggested})`));
    expect(shown).toMatch(new RegExp(`For example /devops-quiz schedule 09:30 (${suggested})\\S* weekdays`));
    expect(shown).not.toContain('No questions match');
    expect(await schedulers()).toBe(0);
    expect(h.slack.messages(CHANNEL)).toHaveLength(0);
  });

  test('a zone name in any case is echoed in its canonical form; `weekends` means Saturday and Sunday', async () => {
    const shown = await announced('schedule 09:30 europe/berlin weekends');
    expect(shown).toContain('09:30 Europe/Berlin, weekends');
    expect(shown).not.toContain('europe/berlin');
    const scheduler = await h.bot.queues.qotd.getJobScheduler(BullQuizJobs.schedulerId(h.slack.team.id, CHANNEL));
    expect(scheduler).toMatchObject({ tz: 'Europe/Berlin', pattern: '30 9 * * 0,6' });

    expect(await announced('schedule 10:00 utc weekend')).toContain('10:00 UTC, weekends');
  });

  test('a zone that does not exist, or a city alone, is refused with real names', async () => {
    expect((await privately(USERS.admin, 'schedule 09:30 Asia/Berlin')).shown).toMatch(/I do not know the time zone Asia\/Berlin\. Use an IANA name like Europe\/Berlin/);
    expect((await privately(USERS.admin, 'schedule 09:30 berlin daily')).shown).toMatch(/I do not know the time zone berlin\. Use an IANA name like Europe\/Berlin/);
    expect(await schedulers()).toBe(0);
  });

  test('a topic word that matches nothing is refused with the list of topics', async () => {
    const { shown } = await privately(USERS.admin, 'schedule 09:30 UTC daily pipelines nosuchtopic');
    expect(shown).toContain('No questions match nosuchtopic');
    expect(shown).toContain('Topics: mini');
    expect(await schedulers()).toBe(0);
  });
});

test('setting, changing and turning off the schedule are announced in the channel; then none is scheduled', async () => {
  expect(await announced('schedule 09:30 Europe/Berlin weekdays')).toContain('@admin set the question of the day: 09:30 Europe/Berlin, weekdays');
  const changed = await announced('schedule 08:00 Europe/Berlin mon,wed,fri');
  expect(changed).toContain('@admin changed the question of the day: 08:00 Europe/Berlin, Mon, Wed, Fri');
  expect(changed).toContain('Was: 09:30 Europe/Berlin, weekdays');

  const off = await announced('schedule off');
  expect(off).toContain('@admin turned off the question of the day in this channel');
  expect(await schedulers()).toBe(0);
  // The announcement went to the channel, not only to the admin.
  expect(h.slack.ephemeralsFor(USERS.admin, { channelId: CHANNEL }).map(seen).join('\n')).not.toContain('turned off');

  const { shown } = await privately(USERS.bob, 'schedule');
  expect(shown).toContain('No question of the day is scheduled in this channel');
  expect(shown).not.toContain('yet');

  // Nothing to turn off: said to the admin alone.
  expect((await privately(USERS.admin, 'schedule off')).shown).toContain('nothing to turn off');
  expect(h.slack.messages(CHANNEL)).toHaveLength(3);
});

describe('quoting what was typed', () => {
  test('exactly as typed, never a ping: <!channel>, &, and a mention', async () => {
    const { shown, message } = await privately(USERS.bob, '<!channel> hello terraform&aws @carol');
    expect(shown).toContain('I did not understand <!channel> and @carol');
    expect(shown).toContain('no questions match hello and terraform&aws');
    expect(shown).not.toMatch(/&(amp|lt|gt);/);
    expect(JSON.stringify(message)).not.toMatch(/<[!@]/);
  });

  test('bidi controls are removed from echoes', async () => {
    const { message } = await privately(USERS.bob, 'abc\u202edef qwe\u2066!!\u2069 x\u200fy\u061c');
    const body = JSON.stringify(message);
    expect(body).toContain('abcdef');
    expect(body).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(body).not.toMatch(/\\u(061c|200[ef]|202[a-e]|206[6-9])/i);
  });
});

describe('error replies: one line naming every word not understood, one example, a pointer to help', () => {
  const FULL_HELP = "this channel's board";

  test.each([
    ['asdkjh qwe!!', /I did not understand qwe!!, and no questions match asdkjh\. Ask for a question/, '/devops-quiz advanced kubernetes'],
    ['leaderboard yesterday never', /I did not understand yesterday and never\. leaderboard takes week, month or all/, '/devops-quiz leaderboard week'],
    ['stats @nobody', /@nobody is not a member of this workspace\. To mention someone, type @/, '/devops-quiz stats @alex'],
    ['mock @nobody 99', /@nobody is not a member of this workspace\. To mention someone, type @/, '/devops-quiz mock @alex 5'],
    ['mock bob', /bob is not a teammate I can interview/, '/devops-quiz mock @alex 5'],
    ['mock @bob 99', /A mock interview has 1 to 10 questions, not 99/, '/devops-quiz mock @alex 5'],
    ['schedule 25:99 daily', /I could not read the time 25:99/, '/devops-quiz schedule 09:30 Europe/Berlin weekdays'],
    ['schedule 09:30 UTC reveal soon', /reveal takes a delay .*not soon/, '/devops-quiz schedule 09:30 Europe/Berlin weekdays'],
    ['beginner advanced', /Pick one level, not both beginner and advanced/, '/devops-quiz advanced kubernetes'],
  ])('%s', async (typed, line, example) => {
    const { shown, message } = await privately(USERS.bob, typed);
    expect(shown).toMatch(line);
    expect(shown).toContain(`For example ${example}`);
    expect(shown).toContain('Type /devops-quiz help for all the commands');
    expect(shown).not.toContain(FULL_HELP);
    expect(message.blocks.length).toBeLessThanOrEqual(3);
  });

  test('`help` itself still shows the whole help', async () => {
    const { shown } = await privately(USERS.bob, 'help');
    expect(shown).toContain(FULL_HELP);
    expect(shown).toContain('/devops-quiz schedule off');
  });
});

test('"asked by @alice" stays in the footer of a question once it is revealed', async () => {
  await h.driver.command({ typed: 'pipelines', userId: USERS.alice, channelId: CHANNEL });
  const question = await eventually(() => h.slack.messages(CHANNEL)[0], 5000, 'question');
  await h.waitForPost(question.ts);
  expect(seen(question)).toContain('asked by @alice');

  await h.driver.clickButton({ userId: USERS.bob, channelId: CHANNEL, ts: question.ts, actionId: 'reveal_answer' });
  const revealed = await eventually(() => {
    const m = h.slack.message(CHANNEL, question.ts)!;
    return seen(m).includes('Answer revealed') ? m : null;
  }, 5000, 'question marked revealed');
  expect(seen(revealed)).toContain('Answer revealed by @bob');
  expect(seen(revealed)).toContain('asked by @alice');
});
