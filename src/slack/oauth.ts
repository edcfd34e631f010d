/**
 * Distribution mode's OAuth, on Bolt's own support: the install page (`/slack/install`), the redirect back from
 * Slack (`/slack/oauth_redirect`, its `state` checked against the browser's cookie) and the installer whose
 * `authorize` gives a team's token, refreshing it when it expires within 2 hours.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, InstallationStore } from '@slack/bolt';
import { ErrorCode, InstallProvider, type CallbackOptions } from '@slack/oauth';
import type { OAuthConfig } from '../config';
import { boltLogger, type Logger } from '../logger';
import { installedPage, installFailedPage, type InstallFailure, type InstallPage } from '../views/install-pages';
import type { ClientTiming } from './clients';
import { slackErrorCode } from './errors';

/**
 * The bot scopes an install asks for: the same list as manifest.yml's `oauth_config.scopes.bot`
 * (test/ops/manifest.test.ts compares them), kept in code because the image ships no manifest.
 */
export const BOT_SCOPES: readonly string[] = ['commands', 'chat:write', 'users:read', 'channels:history', 'groups:history', 'im:history', 'im:write', 'channels:read', 'groups:read'];

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The settings both installers share: the listeners' (in the HTTP receiver) and the jobs'. */
function installerBase(oauth: OAuthConfig, store: InstallationStore, apiUrl: string, timing: ClientTiming, logger: Logger) {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: store,
    logger: boltLogger(logger),
    // oauth.v2.access (installs and refreshes) and auth.test go to the same Web API as every other call.
    clientOptions: { slackApiUrl: apiUrl, ...timing, logger: boltLogger(logger) },
    authorizationUrl: oauth.authorizeUrl,
  };
}

/** The HTTP receiver's OAuth options: Bolt serves the install page and the redirect on the public port. */
export function receiverOAuth(oauth: OAuthConfig, store: InstallationStore, apiUrl: string, timing: ClientTiming, logger: Logger): Partial<HTTPReceiverOptions> {
  const { authorizationUrl, clientOptions, ...base } = installerBase(oauth, store, apiUrl, timing, logger);
  return {
    ...base,
    scopes: [...BOT_SCOPES],
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // The install starts on our page, which sets the state cookie the redirect is checked against.
      directInstall: false,
      stateVerification: true,
      clientOptions,
      authorizationUrl,
      callbackOptions: installCallbacks(logger),
    },
  };
}

/** The jobs' installer: the same store and secrets, its own client settings (a job may wait longer than a person). */
export function jobInstaller(oauth: OAuthConfig, store: InstallationStore, apiUrl: string, timing: ClientTiming, logger: Logger): InstallProvider {
  return new InstallProvider(installerBase(oauth, store, apiUrl, timing, logger));
}

/** Our pages at the end of an install, instead of Bolt's. */
function installCallbacks(logger: Logger): CallbackOptions {
  const send = (res: ServerResponse, page: InstallPage) => {
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page.html);
  };
  return {
    success: (installation, _options, _req: IncomingMessage, res) => {
      logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id, org: installation.isEnterpriseInstall === true }, 'app installed');
      send(res, installedPage(installation.team?.name ?? installation.enterprise?.name ?? null, installation.team?.id ?? null));
    },
    failure: (error, _options, _req, res) => {
      const why: InstallFailure =
        error.code === ErrorCode.InvalidStateError || error.code === ErrorCode.MissingStateError || error.code === ErrorCode.MissingCodeError
          ? 'state'
          : error.code === ErrorCode.AuthorizationError
            ? 'cancelled'
            : slackErrorCode(error) === 'invalid_code'
              ? 'used'
              : 'failed';
      logger.warn({ code: error.code, err: error.message }, 'app install did not finish');
      send(res, installFailedPage(why, INSTALL_PATH));
    },
  };
}
