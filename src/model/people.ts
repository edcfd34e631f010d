/** A person's own data: what forgetting it reports. */

export type ForgetOutcome =
  /** `channels`: how many channels had answers, points or a streak of theirs. */
  | { status: 'forgotten'; user: string; self: boolean; channels: number }
  /** Only admins may have someone else forgotten. */
  | { status: 'forbidden' };
