/**
 * The stand-in's OAuth: installing the app in a team and the tokens that come of it.
 *
 * - `GET /oauth/v2/authorize?client_id&scope&state[&redirect_uri][&team]` plays the person who clicks "Allow" on
 *   Slack's page: it redirects the browser (302) to the redirect URL with a one-time `code` and the `state` it was
 *   given. `team` picks the workspace (Slack's own parameter); without it the first team installs.
 * - `oauth.v2.access` exchanges a code (client id and secret in the form or as HTTP Basic) for the team's bot token,
 *   and with rotation on, also a refresh token for `grant_type=refresh_token`. A refreshed token is new; the old one
 *   keeps working until it expires, as on Slack.
 * - Every token it issued names its team, so each Web API call is answered as that team's bot; an expired token
 *   answers `token_expired`, a revoked one `token_revoked`.
 */
import { randomBytes } from 'node:crypto';

import { HttpReply } from './http';
import type { ApiResult, Args, OAuthAppOptions, WorkspaceTeam } from './types';
import { str } from './values';

const TWELVE_HOURS = 12 * 3600;
const CODE_TTL_MS = 10 * 60_000;

export interface IssuedToken {
  token: string;
  team: string;
  /** Epoch millis, or null for a token that does not expire. */
  expiresAt: number | null;
  revoked: boolean;
}

interface Grant {
  team: string;
  scope: string;
  redirectUri: string | undefined;
  expiresAt: number;
  used: boolean;
}

export class OAuthServer {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, { team: string; scope: string }>();
  private readonly codes = new Map<string, Grant>();
  private app: OAuthAppOptions | undefined;

  constructor(
    private readonly teams: { teamById(id: string): WorkspaceTeam; teams: ReadonlyMap<string, WorkspaceTeam>; appId: string },
    private readonly home: () => string,
    private readonly now: () => number,
    app?: OAuthAppOptions,
  ) {
    this.app = app;
  }

  /** Sets (or changes) the app's OAuth settings, e.g. its redirect URL once the app listens. */
  configure(app: Partial<OAuthAppOptions>): void {
    const merged = { ...this.app, ...app };
    if (!merged.clientId || !merged.clientSecret) throw new Error('LocalSlack OAuth needs a clientId and a clientSecret');
    this.app = merged as OAuthAppOptions;
  }

  /** A token this stand-in issued, or undefined. */
  lookup(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  /** Every token issued to a team, oldest first. */
  tokensOf(team: string): IssuedToken[] {
    return [...this.tokens.values()].filter((t) => t.team === team);
  }

  /** Revokes every token of the team (as uninstalling the app does). */
  revokeAll(team: string): void {
    for (const t of this.tokensOf(team)) t.revoked = true;
    for (const [refresh, grant] of this.refreshTokens) if (grant.team === team) this.refreshTokens.delete(refresh);
  }

  /** A bot token for the team without an install (a test's static token for a workspace). */
  issue(team: string, ttlSeconds: number | null = null): string {
    return this.mint(team, ttlSeconds, false);
  }

  /** `GET /oauth/v2/authorize`: the person allows the install; the browser goes back to the app with a code. */
  authorize(url: URL): HttpReply {
    const app = this.app;
    if (!app) return page(400, 'This workspace has no OAuth app configured (LocalSlack oauth option).');
    if (url.searchParams.get('client_id') !== app.clientId) return page(400, 'Invalid client_id parameter');
    const scope = url.searchParams.get('scope') ?? '';
    if (!scope) return page(400, 'Invalid permissions requested: no scope');
    const redirectUri = url.searchParams.get('redirect_uri') ?? undefined;
    const target = redirectUri ?? app.redirectUri;
    if (!target) return page(400, 'redirect_uri did not match any configured URIs.');
    if (redirectUri && app.redirectUri && redirectUri !== app.redirectUri) return page(400, 'redirect_uri did not match any configured URIs.');
    const team = url.searchParams.get('team') ?? this.home();
    if (!this.teams.teams.has(team)) return page(400, `No workspace ${team}.`);
    const code = `${Date.now()}.${randomBytes(12).toString('hex')}`;
    this.codes.set(code, { team, scope, redirectUri, expiresAt: this.now() + CODE_TTL_MS, used: false });
    const back = new URL(target);
    back.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state !== null) back.searchParams.set('state', state);
    return new HttpReply(302, '', { location: back.toString() });
  }

  /** `oauth.v2.access`: a code for an install's tokens, or a refresh token for a new access token. */
  access(args: Args, authorization: string | undefined): ApiResult {
    const app = this.app;
    if (!app) return { ok: false, error: 'invalid_client_id' };
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = str(args.client_id) ?? basicId;
    const clientSecret = str(args.client_secret) ?? basicSecret;
    if (clientId !== app.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== app.clientSecret) return { ok: false, error: 'bad_client_secret' };

    if (str(args.grant_type) === 'refresh_token') {
      const refresh = str(args.refresh_token);
      const grant = refresh ? this.refreshTokens.get(refresh) : undefined;
      if (!grant) return { ok: false, error: 'invalid_refresh_token' };
      return this.tokenResult(grant.team, grant.scope, app.refreshTokenTtlSeconds ?? TWELVE_HOURS, true);
    }

    const code = str(args.code);
    const grant = code ? this.codes.get(code) : undefined;
    if (!grant || grant.used || grant.expiresAt < this.now()) return { ok: false, error: 'invalid_code' };
    if (grant.redirectUri !== undefined && str(args.redirect_uri) !== grant.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    grant.used = true;
    return this.tokenResult(grant.team, grant.scope, app.installTokenTtlSeconds ?? TWELVE_HOURS, app.rotation ?? false);
  }

  private tokenResult(teamId: string, scope: string, ttlSeconds: number, rotation: boolean): ApiResult {
    const team = this.teams.teamById(teamId);
    const accessToken = this.mint(teamId, rotation ? ttlSeconds : null, rotation);
    const result: ApiResult = {
      ok: true,
      access_token: accessToken,
      token_type: 'bot',
      scope,
      bot_user_id: team.botUserId,
      app_id: this.teams.appId,
      team: { id: team.id, name: team.name },
      enterprise: team.enterpriseId ? { id: team.enterpriseId, name: team.enterpriseId } : null,
      authed_user: { id: `U0INSTALLER${team.id.slice(1)}` },
      is_enterprise_install: false,
    };
    if (rotation) {
      const refresh = `xoxe-1-${randomBytes(16).toString('hex')}`;
      this.refreshTokens.set(refresh, { team: teamId, scope });
      result.refresh_token = refresh;
      result.expires_in = ttlSeconds;
    }
    return result;
  }

  private mint(team: string, ttlSeconds: number | null, rotating: boolean): string {
    const body = `${team}-${randomBytes(12).toString('hex')}`;
    const token = rotating ? `xoxe.xoxb-1-${body}` : `xoxb-${body}`;
    this.tokens.set(token, { token, team, expiresAt: ttlSeconds === null ? null : this.now() + ttlSeconds * 1000, revoked: false });
    return token;
  }
}

function page(status: number, text: string): HttpReply {
  return new HttpReply(status, text);
}
