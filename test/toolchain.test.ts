import { parseISO } from 'date-fns';
test('toolchain compiles TypeScript under jest', () => {
  const d: Date = parseISO('2026-01-02');
  expect(d.getUTCFullYear()).toBe(2026);
});
