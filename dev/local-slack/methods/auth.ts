/** auth.test (who the token belongs to; Bolt calls it when an App is created) and api.test. */
import type { ApiResult, Args } from '../types';
import type { Workspace } from '../workspace';

export function authTest(ws: Workspace): ApiResult {
  return {
    ok: true,
    url: `https://${ws.team.domain}.slack.com/`,
    team: ws.team.name,
    user: ws.botName,
    team_id: ws.team.id,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  };
}

export function apiTest(_ws: Workspace, args: Args): ApiResult {
  return { ok: true, args };
}
