/**
 * The pages a person's browser gets at the end of installing the app in a workspace (distribution mode): pure
 * HTML, every value from outside escaped.
 */

/** Why an install did not finish, as the person can act on it. */
export type InstallFailure = 'state' | 'used' | 'cancelled' | 'failed';

export interface InstallPage {
  status: number;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:0 .2em}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  ].join('\n');
}

/** The app is in the workspace: what to type first. */
export function installedPage(teamName: string | null, teamId: string | null): InstallPage {
  const where = teamName ? ` in ${escapeHtml(teamName)}` : '';
  const open = teamId ? `<p><a href="https://app.slack.com/client/${encodeURIComponent(teamId)}">Open the workspace in Slack</a></p>` : '';
  return {
    status: 200,
    html: page('DevOps Quiz is installed', `<p>DevOps Quiz is installed${where}. In a channel, type <code>/invite @DevOps Quiz</code>, then <code>/devops-quiz</code> for a first question.</p>${open}`),
  };
}

/** The install did not finish: why, and to start again from the install page. */
export function installFailedPage(why: InstallFailure, installPath: string): InstallPage {
  const again = `<a href="${escapeHtml(installPath)}">${escapeHtml(installPath)}</a>`;
  switch (why) {
    case 'state':
      return { status: 400, html: page('The install did not finish', `<p>This link is old, or was opened in another browser than the one that started the install. Start again at ${again}, in one browser.</p>`) };
    case 'used':
      return { status: 400, html: page('The install did not finish', `<p>This install link was already used, or is too old. Start again at ${again}.</p>`) };
    case 'cancelled':
      return { status: 200, html: page('Nothing was installed', `<p>The install was cancelled in Slack. To install DevOps Quiz after all, start again at ${again}.</p>`) };
    case 'failed':
      return { status: 500, html: page('The install did not finish', `<p>The install could not be completed, so nothing was saved. Try again in a minute at ${again}.</p>`) };
  }
}
