/** The review views: the offer asks before any DM, the overview escapes bank text and shows days in the person's zone. */
import { reviewOfferMessage, reviewOverviewMessage, dayLabel } from '../../src/views/review';
import { reviewOutcomeMessage } from '../../src/views/notices/review';
import { parseSettings } from '../../src/store/reviews';
import type { ReviewOverview } from '../../src/model/reviews';

const settings = { ...parseSettings({}), consent: 'yes' as const, on: true, tz: 'Asia/Tokyo' };
const NOW = Date.parse('2026-03-02T09:00:00Z');

test('the offer has the two buttons and says what would be sent', () => {
  const offer = JSON.stringify(reviewOfferMessage());
  expect(offer).toContain('Want this back in a few days, by DM?');
  expect(offer).toContain('"action_id":"review_consent_yes"');
  expect(offer).toContain('"action_id":"review_consent_no"');
  expect(offer).toContain('weekdays at 10:00');
});

test('the overview escapes question titles and dates cards in the person zone', () => {
  const overview: ReviewOverview = {
    settings,
    due: [{ questionId: 'p/a', due: NOW, level: 'advanced', title: 'Ping <!channel> & *everyone*' }],
    dueCount: 3,
    upcoming: [{ questionId: 'p/b', due: Date.parse('2026-03-05T20:00:00Z'), level: 'beginner', title: 'Later' }],
    active: 4,
    retired: 2,
    interviewMode: false,
  };
  const shown = JSON.stringify(reviewOverviewMessage(overview, NOW).blocks);
  expect(shown).not.toContain('<!channel>');
  expect(shown).toContain('&lt;!channel&gt; &amp;');
  expect(shown).toContain('Due today (3)');
  expect(shown).toContain('…and 2 more');
  // 20:00 UTC on Thursday is Friday morning in Tokyo.
  expect(shown).toContain(`Later · ${dayLabel(Date.parse('2026-03-05T20:00:00Z'), 'Asia/Tokyo')}`);
  expect(dayLabel(Date.parse('2026-03-05T20:00:00Z'), 'Asia/Tokyo')).toBe('Fri 6 Mar');
  expect(shown).toContain('4 active · 2 cleared');
});

test('settings saved while reviews by DM are off say how to start them', () => {
  const off = { ...settings, on: false };
  expect(reviewOutcomeMessage({ kind: 'max', settings: { ...off, max: 3 } }, NOW).text).toContain('review on starts them');
  expect(reviewOutcomeMessage({ kind: 'max', settings: { ...settings, max: 3 } }, NOW).text).not.toContain('review on');
});
