import { interviewValue, parseInterviewId, parseQuestionRef, parseRatingRef } from '../../src/views/actions';

test('button values round-trip and anything else is refused', () => {
  expect(parseInterviewId(interviewValue('abc123def456'))).toBe('abc123def456');
  expect(parseQuestionRef(interviewValue('abc123def456', 3))).toEqual({ id: 'abc123def456', index: 3 });
  expect(parseRatingRef('interview_rate_2', interviewValue('abc123def456', 0, 2))).toEqual({ id: 'abc123def456', index: 0, score: 2 });
  for (const bad of [undefined, '', 'ABC123DEF456', 'abc', 'abc123def456|x', '../etc', 'abc123def456|1|2|3']) {
    expect(parseInterviewId(bad) === null || bad === 'abc123def456').toBe(true);
    expect(parseQuestionRef(bad)).toBeNull();
  }
  // The score is named twice: a button that disagrees with itself was tampered with.
  expect(parseRatingRef('interview_rate_3', 'abc123def456|0|2')).toBeNull();
  expect(parseRatingRef('interview_rate_4', 'abc123def456|0|4')).toBeNull();
});
