import { looksLikeMojibake, normalizeText, repairMojibake } from '../../src/content/repair';
import { toMojibake } from './helpers';

describe('toMojibake (test helper)', () => {
  test('produces the sequences seen in real files', () => {
    expect(toMojibake('🧠')).toBe('ðŸ§\u00A0');
    expect(toMojibake('🟢')).toBe('ðŸŸ¢');
    expect(toMojibake('🔴')).toBe('ðŸ”´');
    expect(toMojibake('✔')).toBe('âœ”');
    expect(toMojibake('’…–')).toBe('â€™â€¦â€“');
    expect(toMojibake('❌')).toBe('â\u009DŒ');
  });
});

describe('repairMojibake', () => {
  const sample =
    '🧠 Think before expanding…\n🟢 **Beginner** 🟡 🔴\n✔ **Why it matters:** it’s “quoted” – fine\n' +
    '💡 **Interview Tip:** ✔️ ✅ ❌ ⚠️ 🧪 👉 café naïve 日本語 €5';

  test('restores UTF-8 that was decoded as Windows-1252', () => {
    const result = repairMojibake(toMojibake(sample));
    expect(result).toEqual({ text: sample, wasRepaired: true });
  });

  test('restores 🧠 when its no-break space became a plain space', () => {
    const broken = toMojibake(sample, { nbspAsSpace: true });
    expect(broken).toContain('ðŸ§  Think');
    expect(repairMojibake(broken).text).toBe(sample);
  });

  test('restores 🧠 with a space at the very end and with no text after it', () => {
    expect(repairMojibake('ðŸ§ ').text).toBe('🧠');
    expect(repairMojibake('ðŸ§ Think').text).toBe('🧠Think');
  });

  test('keeps correct characters that are mixed into a repaired file', () => {
    const mixed = `${toMojibake('🟢 **Beginner**')}\nalready fine: 🔴 café ✔`;
    expect(repairMojibake(mixed).text).toBe('🟢 **Beginner**\nalready fine: 🔴 café ✔');
  });

  test('keeps what cannot be decoded (a dropped byte) as it was', () => {
    // ✔️ is E2 9C 94 EF B8 8F; here the undefined 0x8F was dropped by the editor.
    const dropped = 'âœ”ï¸ done';
    expect(repairMojibake(dropped).text).toBe('✔ï¸ done');
  });

  test('never alters correct UTF-8', () => {
    for (const text of [sample, 'plain ASCII', '', 'Ã alone is fine without markers', 'naïve “quotes” — and 🧠 thinking']) {
      expect(repairMojibake(text)).toEqual({ text, wasRepaired: false });
    }
  });

  test('looksLikeMojibake spots the markers only', () => {
    expect(looksLikeMojibake(toMojibake('🟢'))).toBe(true);
    expect(looksLikeMojibake(toMojibake('’'))).toBe(true);
    expect(looksLikeMojibake(toMojibake('✔'))).toBe(true);
    expect(looksLikeMojibake(sample)).toBe(false);
  });
});

describe('normalizeText', () => {
  test('strips a BOM, turns CRLF and lone CR into LF, and composes to NFC', () => {
    expect(normalizeText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(normalizeText('cafe\u0301')).toBe('caf\u00E9');
  });

  test('keeps U+FE0F and a BOM that is not at the start', () => {
    expect(normalizeText('✔\uFE0F x\uFEFF')).toBe('✔\uFE0F x\uFEFF');
  });
});

describe('repairMojibake with a space for the no-break space', () => {
  test('does not read a space after â€ as 0xA0 (it usually follows a dropped 0x9D of ”)', () => {
    // “quoted” with the undefined byte 0x9D dropped from ”: the closing quote cannot be restored.
    expect(repairMojibake('â€œquotedâ€ next').text).toBe('“quotedâ€ next');
  });
  test('restores ⚠ (E2 9A A0) whose last byte became a space', () => {
    expect(repairMojibake('âš  careful âœ”').text).toBe('⚠ careful ✔');
  });
});

test('does not invent characters for other emoji whose last byte was dropped before a space', () => {
  // 👍 is F0 9F 91 8D: with 0x8D dropped, reading the space as 0xA0 would give 👠.
  expect(repairMojibake('ðŸ‘ ok âœ”').text).toBe('ðŸ‘ ok ✔');
});
