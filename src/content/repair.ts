/**
 * Text clean-up that runs before a pack is parsed: repairing mojibake (UTF-8 bytes that were decoded as
 * Windows-1252 and saved again) and normalising BOM, line endings and Unicode form.
 */

/** Characters Windows-1252 puts at bytes 0x80–0x9F. The five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are absent. */
const CP1252_HIGH: ReadonlyArray<readonly [number, number]> = [
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86],
  [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c],
  [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95],
  [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b],
  [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
];

/**
 * The inverse Windows-1252 table: code point → the byte it was decoded from. U+0000–U+00FF map to their own
 * byte, which covers ASCII, Latin-1 and the C1 controls (U+0080–U+009F: the undefined cp1252 bytes survive as
 * C1 controls in most decoders, and Latin-1 decoders produce them for every byte in that range).
 */
const INVERSE_CP1252: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let b = 0; b <= 0xff; b++) map.set(b, b);
  for (const [cp, b] of CP1252_HIGH) map.set(cp, b);
  return map;
})();

/** Substrings that only appear when UTF-8 was read as Windows-1252 (emoji, ✔/✅/⚠/☑/➡ and “smart” punctuation). */
export const MOJIBAKE_MARKERS: readonly string[] = ['ðŸ', 'â€', 'âœ', 'âš', 'â˜', 'âž'];

/** True when `text` contains one of the {@link MOJIBAKE_MARKERS}. */
export function looksLikeMojibake(text: string): boolean {
  return MOJIBAKE_MARKERS.some((m) => text.includes(m));
}

/** The allowed range of the second byte of a UTF-8 sequence, which depends on the lead byte (RFC 3629). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function decodeUtf8(bytes: number[]): number {
  if (bytes.length === 2) return ((bytes[0] & 0x1f) << 6) | (bytes[1] & 0x3f);
  if (bytes.length === 3) return ((bytes[0] & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f);
  return ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
}

/**
 * Lead bytes after which a plain space is read as a lost 0xA0: 🧠 (F0 9F A7 A0) and ⚠ (E2 9A A0). Elsewhere a
 * space more often follows a byte the editor dropped (0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in
 * Windows-1252): 👍 is F0 9F 91 8D, ” is E2 80 9D, U+FE0F is EF B8 8F; reading 0xA0 there would invent 👠, † or
 * U+FE20.
 */
const NBSP_PREFIXES: ReadonlyArray<readonly number[]> = [
  [0xf0, 0x9f, 0xa7],
  [0xe2, 0x9a],
];

function spaceMayBeNbsp(prefix: number[]): boolean {
  return NBSP_PREFIXES.some((p) => p.length === prefix.length && p.every((b, i) => b === prefix[i]));
}

/**
 * Undo UTF-8 → Windows-1252 mojibake (`ðŸ§ ` → 🧠, `âœ”` → ✔, `â€™` → ’).
 *
 * Runs only when a marker such as `ðŸ`, `â€` or `âœ` is present, so correct UTF-8 is returned unchanged. Each
 * character is mapped back to its byte with an explicit inverse Windows-1252 table; only runs of bytes that form
 * a valid UTF-8 sequence are decoded, and every other character is kept as it was, so text that mixes repaired
 * and correct characters comes out right. When a sequence ends in a plain space where 0xA0 would complete it
 * (🧠 is F0 9F A7 A0, whose last byte decodes to a no-break space that editors often turn into a space), the
 * space is read as 0xA0 (see {@link spaceMayBeNbsp}). Bytes that were dropped entirely cannot be recovered and
 * stay as they are.
 */
export function repairMojibake(text: string): { text: string; wasRepaired: boolean } {
  if (!looksLikeMojibake(text)) return { text, wasRepaired: false };
  const chars = Array.from(text);
  const byteAt = (i: number): number | undefined => {
    const ch = chars[i];
    return ch === undefined ? undefined : INVERSE_CP1252.get(ch.codePointAt(0)!);
  };
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const lead = byteAt(i);
    if (lead === undefined || lead < 0xc2 || lead > 0xf4) {
      out += chars[i];
      i++;
      continue;
    }
    const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    const bytes = [lead];
    let j = i + 1;
    for (let k = 1; k < length; k++, j++) {
      const [lo, hi] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      const b = byteAt(j);
      if (b !== undefined && b >= lo && b <= hi) bytes.push(b);
      else if (b === 0x20 && k === length - 1 && spaceMayBeNbsp(bytes)) bytes.push(0xa0);
      else break;
    }
    if (bytes.length === length) {
      out += String.fromCodePoint(decodeUtf8(bytes));
      i = j;
    } else {
      out += chars[i];
      i++;
    }
  }
  return { text: out, wasRepaired: out !== text };
}

/** Strip a leading byte-order mark, turn CRLF and lone CR into LF, and normalise to NFC (U+FE0F is kept). */
export function normalizeText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n').normalize('NFC');
}
