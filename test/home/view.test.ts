/**
 * The Home view: within Slack's limits for a Home tab (checked by the local workspace's validator, surface
 * `home`) however long the history, every bank and Slack text escaped, and the controls offering what the
 * settings allow.
 */
import { validateBlocks } from '../../dev/local-slack';
import type { HomeData, ReadinessPack } from '../../src/model/home';
import { LEVELS } from '../../src/model/levels';
import { parseSettings } from '../../src/store/reviews';
import { HOME_ACTIONS, parseHomeAction } from '../../src/views/actions';
import { HOME_MAX_BLOCKS, homeView } from '../../src/views/home';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const HOSTILE = '<!channel> & <@U123ABC> *bold* <https://evil.example|click>';

function data(over: Partial<HomeData> = {}): HomeData {
  return {
    user: 'UBOB0002',
    at: NOW,
    readiness: [],
    review: { settings: parseSettings({}), due: [], dueCount: 0, upcoming: [], active: 0, retired: 0, interviewMode: false },
    channels: [],
    moreChannels: 0,
    interviews: { given: 0, taken: 0, latest: null },
    calibration: [],
    ...over,
  };
}

function hugeReadiness(packs: number, categories: number, title = 'Pack'): ReadinessPack[] {
  return Array.from({ length: packs }, (_, p) => ({
    pack: `p${p}`,
    title: `${title} ${p} ${'x'.repeat(300)}`,
    total: 9 * categories,
    atLevel: 4 * categories,
    categories: Array.from({ length: categories }, (_, c) => ({
      category: `${title} category ${c} ${'y'.repeat(300)}`,
      total: 9,
      atLevel: 4,
      cells: LEVELS.map((level) => ({ level, total: 3, atLevel: 1 })),
    })),
  }));
}

function huge(title = 'Pack'): HomeData {
  const card = (i: number) => ({ questionId: `p/q${i}`, due: NOW + i * 3600_000, level: 'advanced' as const, title: `${title} question ${i} ${'z'.repeat(400)}` });
  return data({
    readiness: hugeReadiness(40, 60, title),
    review: {
      settings: parseSettings({ consent: 'yes', on: '1', tz: 'Europe/Berlin', pausedUntil: String(NOW + 86400_000), interviewUntil: '2026-03-20', time: '09:15' }),
      due: Array.from({ length: 5 }, (_, i) => card(i)),
      dueCount: 190,
      upcoming: Array.from({ length: 5 }, (_, i) => card(i + 5)),
      active: 190,
      retired: 10,
      interviewMode: true,
    },
    channels: Array.from({ length: 10 }, (_, i) => ({ channel: `C0CHAN${String(i).padStart(3, '0')}`, points: 9999, rank: 1234, answers: 5000, streak: 300 })),
    moreChannels: 40,
    interviews: { given: 500, taken: 400, latest: { id: 'abc123def456', channel: 'C0QUIZ001', at: NOW, asked: 10, rated: 9, skipped: 1, overall: 2, studyNext: [1, 2, 3].map((i) => ({ pack: 'p', category: `${title} topic ${i} ${'w'.repeat(200)}` })) } },
    calibration: Array.from({ length: 30 }, (_, i) => ({ pack: `p${i}`, title: `${title} ${i} ${'v'.repeat(200)}`, difference: i / 10 - 1, answers: 100 })),
  });
}

const validate = (blocks: unknown) => validateBlocks(blocks, { maxBlocks: HOME_MAX_BLOCKS, surface: 'home' });

test('a person with a huge history gets a Home within 100 blocks that Slack accepts', () => {
  const view = homeView(huge());
  expect(view.type).toBe('home');
  expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
  const checked = validate(view.blocks);
  expect(checked.messages).toEqual([]);
  expect(checked.ok).toBe(true);
  const text = JSON.stringify(view.blocks);
  expect(text).toContain('…and 30 more packs');
  expect(text).toContain('…and 52 more topics in this pack');
  expect(text).toContain('…and 40 more channels');
  expect(text).toContain('Due today (190)');
});

test('the validator has teeth on the home surface: 101 blocks, or a markdown block, are refused', () => {
  const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } };
  expect(validate(Array.from({ length: 101 }, () => section)).ok).toBe(false);
  expect(validate([{ type: 'markdown', text: 'x' }]).ok).toBe(false);
  expect(validateBlocks([{ type: 'markdown', text: 'x' }], { maxBlocks: 50, surface: 'message' }).ok).toBe(true);
});

test('bank text and Slack text are escaped: nothing pings, links or breaks out', () => {
  const view = homeView(huge(HOSTILE));
  const text = JSON.stringify(view.blocks);
  expect(text).not.toContain('<!channel>');
  expect(text).not.toContain('<@U123ABC>');
  expect(text).not.toContain('<https://evil.example');
  expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U123ABC&gt;');
  expect(validate(view.blocks).ok).toBe(true);
});

test('an empty history says how to start, and offers reviews by DM', () => {
  const view = homeView(data());
  const text = JSON.stringify(view.blocks);
  expect(text).toContain('Nothing yet: reveal a question');
  expect(text).toContain('Reviews by DM: *off*');
  expect(text).toContain(HOME_ACTIONS.on);
  expect(text).not.toContain(HOME_ACTIONS.sendNow);
  expect(validate(view.blocks).ok).toBe(true);
});

test('the controls show the current settings, and every choice they offer reads back', () => {
  const settings = parseSettings({ consent: 'yes', on: '1', time: '09:15', max: '3', tz: 'UTC' });
  const view = homeView(data({ review: { ...data().review, settings } }));
  const elements = view.blocks.flatMap((b) => ((b as { elements?: Array<Record<string, unknown>> }).elements ?? []).filter((e) => typeof e.action_id === 'string'));
  const byId = new Map(elements.map((e) => [e.action_id as string, e]));
  expect(byId.has(HOME_ACTIONS.off)).toBe(true);
  const time = byId.get(HOME_ACTIONS.time) as { initial_option: { value: string }; options: Array<{ value: string }> };
  expect(time.initial_option.value).toBe('09:15');
  const max = byId.get(HOME_ACTIONS.max) as { initial_option: { value: string }; options: Array<{ value: string }> };
  expect(max.initial_option.value).toBe('3');
  for (const [id, e] of byId) {
    for (const o of ((e as { options?: Array<{ value: string }> }).options ?? [])) expect(parseHomeAction(id, { selected: o.value })).not.toBeNull();
  }
  // Choices Home never offers are refused.
  expect(parseHomeAction(HOME_ACTIONS.max, { selected: '9' })).toBeNull();
  expect(parseHomeAction(HOME_ACTIONS.pause, { selected: '5' })).toBeNull();
  expect(parseHomeAction(HOME_ACTIONS.time, { selected: '25:00' })).toBeNull();
  expect(parseHomeAction(HOME_ACTIONS.interview, { date: 'tomorrow' })).toBeNull();
  expect(parseHomeAction('home_review_unknown', {})).toBeNull();
  expect(parseHomeAction(HOME_ACTIONS.interview, { date: '2026-12-20' })).toEqual({ do: 'interview', date: '2026-12-20' });
});
