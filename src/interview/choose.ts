/**
 * Which question comes next in a mock interview. Pure: the caller gives the questions the
 * interview's level and topics allow, what this interview already asked, and when the candidate
 * last met each question in earlier mock interviews.
 *
 * A question the candidate has never met wins (at random among them); only when every allowed
 * question has been met does one come back, the one met longest ago.
 */
export function chooseQuestion(
  pool: readonly string[],
  asked: ReadonlySet<string>,
  seen: ReadonlyMap<string, number>,
  random: () => number = Math.random,
): string | null {
  const open = pool.filter((id) => !asked.has(id));
  if (open.length === 0) return null;
  const fresh = open.filter((id) => !seen.has(id));
  if (fresh.length > 0) return fresh[Math.floor(random() * fresh.length)];
  const oldest = Math.min(...open.map((id) => seen.get(id)!));
  const longestAgo = open.filter((id) => seen.get(id) === oldest);
  return longestAgo[Math.floor(random() * longestAgo.length)];
}
