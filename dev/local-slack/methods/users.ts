/** users.*: a user's profile, time zone and roles. */
import type { ApiResult, Args } from '../types';
import { clone, flag, str } from '../values';
import type { Workspace } from '../workspace';

export function usersInfo(ws: Workspace, args: Args): ApiResult {
  const id = str(args.user);
  const user = id ? ws.users.get(id) : undefined;
  if (!user) return { ok: false, error: 'user_not_found' };
  const out: Record<string, unknown> = { ...clone(user) };
  if (flag(args.include_locale)) out.locale = 'en-US';
  return { ok: true, user: out };
}
