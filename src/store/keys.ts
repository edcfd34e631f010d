/**
 * The one place that names Redis keys. Every key starts with the configured prefix and holds
 * the Slack team id, so one Redis can serve several workspaces and several test runs.
 *
 * Keys of one channel share the hash tag `{team:channel}`: in Redis Cluster they live in one
 * slot, so the scripts that touch a post, its votes and the channel's boards stay atomic.
 *
 * Every part that comes from outside (ids, timestamps, periods) goes in through `keyPart`, so two
 * different parts never give the same key: `UA:UB` + `UC` and `UA` + `UB:UC` name two pairs, and no `}` ends a tag.
 */

/**
 * Writes each character of `value` that `outside` matches (a global regex of one UTF-16 unit) as `%XX`, or as
 * `%uXXXX` above 0xFF, `%` itself among them: the result is unique for each value, and characters outside
 * the pattern are kept as they are, so well-formed values map to themselves.
 */
export function encodeOutside(value: string, outside: RegExp): string {
  return value.replace(outside, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `%u${code.toString(16).toUpperCase().padStart(4, '0')}` : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  });
}

/** A literal for a SCAN pattern: glob characters escaped (key parts never hold them; a prefix might). */
function escapeGlob(value: string): string {
  return value.replace(/[*?[\]\\]/g, '\\$&');
}

/** One part of a key: Slack's ids, `ts` values, period ids and local dates are unchanged. */
export function keyPart(value: string): string {
  return encodeOutside(value, /[^A-Za-z0-9._+-]/g);
}

export class Keys {
  constructor(readonly prefix: string) {}

  /** The BullMQ prefix (BullMQ adds `:<queue>:…` itself; it must not contain our own `:`-scoped parts). */
  get queuePrefix(): string {
    return `${this.prefix}-jobs`;
  }

  channel(team: string, channel: string): ChannelKeys {
    return new ChannelKeys(`${this.prefix}:{${keyPart(team)}:${keyPart(channel)}}`);
  }

  /** A SCAN pattern that matches every key of every channel of the team (for forgetting a person). */
  teamChannelsPattern(team: string): string {
    return `${escapeGlob(this.prefix)}:{${keyPart(team)}:*`;
  }

  /** Team-wide keys (mock interviews span users, not channels). */
  team(team: string): string {
    return `${this.prefix}:{${keyPart(team)}}`;
  }

  /**
   * THE list of one team's keys: SCAN patterns that together match every key the bot keeps for a team. Today one
   * pattern covers both of the team's tags, its team-wide keys (`team(team)` = `{T}`: installation, pacing, mock
   * interviews, reviews, Home, command deliveries) and every key of its channels (`channel(team, …)` = `{T:C}`), so
   * the keyspace is walked once. Forgetting a team (the app uninstalled) unlinks what they match: a new team-scoped
   * key is covered by building it under one of these tags (test/store/team-keys.test.ts calls every builder and
   * fails on a team key outside them). Not in them: what is kept per enterprise or for the whole app
   * (`orgInstallation`, `orgTeams`, `installations`), and BullMQ's jobs under `queuePrefix`, which go through the
   * queues: by the team named in their data, for the kinds `jobs/queues.ts` `JOB_SCOPE` marks as the team's.
   */
  teamKeyPatterns(team: string): string[] {
    // `[}:]?*`: the team's id ends its tag (`{T}:…`) or a channel follows it (`{T:C}:…`), never more of an id.
    return [`${escapeGlob(this.prefix)}:{${keyPart(team)}[}:]?*`];
  }

  /** Hash: a workspace's installation (its record sealed, with the key id and clear metadata). */
  installation(team: string): string {
    return `${this.team(team)}:install`;
  }
  /** String: the enterprise whose org-wide installation serves this workspace (noted on its first request). */
  installOrg(team: string): string {
    return `${this.team(team)}:install-org`;
  }
  /** Hash: an org-wide installation (Enterprise Grid), one per enterprise. */
  orgInstallation(enterprise: string): string {
    return `${this.prefix}:org:{${keyPart(enterprise)}}:install`;
  }
  /** Set: the workspaces noted under an org-wide installation. */
  orgTeams(enterprise: string): string {
    return `${this.prefix}:org:{${keyPart(enterprise)}}:teams`;
  }
  /** Set: every installation, as `team:<id>` or `org:<id>`, to list them without SCAN. */
  get installations(): string {
    return `${this.prefix}:installs`;
  }

  /** The team's post pacing: slots of the last minute, per channel in the last second, and "blocked until". */
  pace(team: string): { minute: string; blockedUntil: string; channel(channel: string): string } {
    const base = `${this.team(team)}:pace`;
    return { minute: `${base}:minute`, blockedUntil: `${base}:blocked`, channel: (channel) => `${base}:ch:${keyPart(channel)}` };
  }

  /** Hash: one mock interview (people, settings, questions, ratings, state); expires. */
  interview(team: string, id: string): string {
    return `${this.team(team)}:iv:${keyPart(id)}`;
  }
  /** String: the open interview between two people (either direction), so there is one at a time. */
  interviewPair(team: string, a: string, b: string): string {
    return `${this.team(team)}:iv-pair:${[keyPart(a), keyPart(b)].sort().join(':')}`;
  }
  /** Set: ids of the interviews a user has opened as interviewer (closed ones are pruned when the next opens). */
  interviewOpen(team: string, user: string): string {
    return `${this.team(team)}:iv-open:${keyPart(user)}`;
  }
  /** Counter: interviews a user opened as interviewer in the current hour; expires with it. */
  interviewOpenRate(team: string, user: string): string {
    return `${this.team(team)}:iv-rate:${keyPart(user)}`;
  }
  /** Sorted set: question id → when the user last met it in a mock interview. */
  interviewSeen(team: string, user: string): string {
    return `${this.team(team)}:iv-seen:${keyPart(user)}`;
  }
  /** String: a slash command already taken, by its trigger_id, so a replay or a redelivery does nothing; expires. */
  commandDelivery(team: string, triggerId: string): string {
    return `${this.team(team)}:cmd:${keyPart(triggerId)}`;
  }
  /** Hash: `<user>:given` / `<user>:taken` → mock interviews finished. */
  interviewCounts(team: string): string {
    return `${this.team(team)}:iv-counts`;
  }
  /**
   * One person's review cards, all under the team's hash tag (one script touches them together): `cards` hash
   * question id → card (JSON), `due` sorted set question id → due (ms, active cards only), `touch` sorted set
   * question id → last change (ms), `settings` hash (consent, delivery), `readiness` hash of answer counters.
   */
  review(team: string, user: string): { cards: string; due: string; touch: string; settings: string; readiness: string } {
    const base = `${this.team(team)}:rv:${keyPart(user)}`;
    return { cards: `${base}:cards`, due: `${base}:due`, touch: `${base}:touch`, settings: `${base}:settings`, readiness: `${base}:ready` };
  }
  /** Sorted set: people of the team who said yes to reviews by DM and have them on → when that last changed. */
  reviewPeople(team: string): string {
    return `${this.team(team)}:rv-people`;
  }
  /** Sorted set: cards cleared (retired) in the team, `[channel, user, question, at]` as JSON → when (ms); bounded. */
  reviewCleared(team: string): string {
    return `${this.team(team)}:rv-cleared`;
  }
  /**
   * One person's reviews by DM, beside their cards: `state` hash (`next` and `last` delivery job times, `im` the DM
   * channel), `sent` hash question id → when it was last in a DM and the card's touch then, a claim per local date
   * (`claim`), a record per sent DM (`message`), a claim per answer revealed in a DM's thread (`reveal`); `pattern`
   * matches them all (SCAN, to forget the person).
   */
  reviewDm(team: string, user: string): {
    state: string;
    sent: string;
    claim(date: string): string;
    message(ts: string): string;
    reveal(ts: string, index: number): string;
    pattern: string;
  } {
    const base = `${this.team(team)}:rv:${keyPart(user)}:dm`;
    return {
      state: `${base}-state`,
      sent: `${base}-sent`,
      claim: (date) => `${base}:${keyPart(date)}`,
      message: (ts) => `${base}-msg:${keyPart(ts)}`,
      reveal: (ts, index) => `${base}-reveal:${keyPart(ts)}:${index}`,
      pattern: `${escapeGlob(base)}*`,
    };
  }
  /** String (JSON): the summary of the last mock interview a user took as candidate; expires. */
  interviewLatest(team: string, user: string): string {
    return `${this.team(team)}:iv-last:${keyPart(user)}`;
  }
  /**
   * One person's App Home: `seen` string, set while they opened Home lately (only then is it refreshed after their
   * answers); `channels` sorted set channel → when they last answered there (bounded), for their boards on Home.
   */
  home(team: string, user: string): { seen: string; channels: string } {
    const base = `${this.team(team)}:home:${keyPart(user)}`;
    return { seen: `${base}:seen`, channels: `${base}:channels` };
  }
}

/** The channel keys that hold something about a person, by the segment after the channel's tag. */
export type PersonalChannelKey = 'post' | 'votes' | 'board' | 'bstats' | 'streaks' | 'answers';
const PERSONAL_SEGMENTS: ReadonlySet<string> = new Set<PersonalChannelKey>(['post', 'votes', 'board', 'bstats', 'streaks', 'answers']);

/** A channel key read back: its channel's tag (`team:channel`) and, for the keys that name people, which kind it is. */
export function readChannelKey(key: string): { tag: string; kind: PersonalChannelKey | null } | null {
  const m = /\{([^}]*)\}:([a-z-]+)/.exec(key);
  if (!m) return null;
  return { tag: m[1], kind: PERSONAL_SEGMENTS.has(m[2]) ? (m[2] as PersonalChannelKey) : null };
}

export class ChannelKeys {
  constructor(readonly base: string) {}

  /** Hash: one posted question (id, kind, reveal state, answer message, tally). */
  post(ts: string): string {
    return `${this.base}:post:${keyPart(ts)}`;
  }
  /** Hash: user → recorded level for one post. */
  votes(postTs: string): string {
    return `${this.base}:votes:${keyPart(postTs)}`;
  }
  /** Sorted set of points for a period: `all`, `w2026-W48` or `m2026-11`. */
  board(period: string): string {
    return `${this.boardPrefix}${keyPart(period)}`;
  }
  /** What `board(period)` puts before the period (the vote script names the boards of a vote's periods with it). */
  get boardPrefix(): string {
    return `${this.base}:board:`;
  }
  /** Hash of per-user counters for a period: `<user>:answers`, `<user>:1` … */
  boardStats(period: string): string {
    return `${this.boardStatsPrefix}${keyPart(period)}`;
  }
  get boardStatsPrefix(): string {
    return `${this.base}:bstats:`;
  }
  /** Hash: user → `lastSeq:length` of their question-of-the-day streak. */
  get streaks(): string {
    return `${this.base}:streaks`;
  }
  /** Counter of questions of the day posted in the channel (their sequence numbers). */
  get qotdSeq(): string {
    return `${this.base}:qotd-seq`;
  }
  /** String: claim of the question of the day for one local date. */
  qotdClaim(localDate: string): string {
    return `${this.base}:qotd:${keyPart(localDate)}`;
  }
  /** String: claim of a question asked for with the slash command, by the command's trigger_id; expires. */
  askClaim(trigger: string): string {
    return `${this.base}:ask:${keyPart(trigger)}`;
  }
  /** String: claim of the weekly recap for one ISO week (`w2026-W24`, in the channel's zone); expires. */
  recapClaim(week: string): string {
    return `${this.base}:recap:${keyPart(week)}`;
  }
  /**
   * Sorted set: the ts of each question posted in the channel in the last few weeks → when (ms), for the weekly
   * recap; trimmed by age and count as posts are added, and it expires when the channel posts nothing for a while.
   */
  get recentPosts(): string {
    return `${this.base}:recent-posts`;
  }
  /** String (JSON): the channel's schedule settings. */
  get schedule(): string {
    return `${this.base}:schedule`;
  }
  /** Hash: channel settings that outlive a schedule (its time zone for boards). */
  get settings(): string {
    return `${this.base}:settings`;
  }
  /** String: set once the bot has introduced itself in the channel. */
  get welcomed(): string {
    return `${this.base}:welcomed`;
  }
  /**
   * Sorted set: question id → when it was last posted in the channel (ms). At most one entry per question of the
   * bank, whatever the filters; expires when the channel posts nothing for a while.
   */
  get posted(): string {
    return `${this.base}:posted`;
  }
  /**
   * Hash: question id → the person's answer to it in this channel (`level|week|month|clickAt`), on whichever post
   * of the question they gave it, so a question scores once per channel however often it comes back; expires.
   */
  answers(user: string): string {
    return `${this.base}:answers:${keyPart(user)}`;
  }
}
