/** Minimal GitLab-looking pages: enough for a sign-in window and for humans poking at a demo. */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Rails' `csrf_meta_tags`, as GitLab's layouts render them for a session. */
function csrfMeta(csrfToken: string | null): string {
  if (csrfToken === null) return '';
  return `<meta name="csrf-param" content="authenticity_token" />
<meta name="csrf-token" content="${escapeHtml(csrfToken)}" />
`;
}

function page(title: string, body: string, csrfToken: string | null = null): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · GitLab</title>
<meta content="GitLab" property="og:site_name">
${csrfMeta(csrfToken)}</head>
<body>
<header class="navbar"><span class="logo">GitLab</span></header>
<main>
${body}
</main>
</body>
</html>
`;
}

export function signInPage(
  action: string,
  csrfToken: string,
  alert: string | null,
  login = '',
): string {
  const flash =
    alert === null
      ? ''
      : `<div class="flash-container"><div class="flash-alert">${escapeHtml(alert)}</div></div>`;
  return page(
    'Sign in',
    `${flash}
<h1>Sign in to GitLab</h1>
<form class="gl-show-field-errors" id="new_user" action="${escapeHtml(action)}" accept-charset="UTF-8" method="post">
<input type="hidden" name="authenticity_token" value="${escapeHtml(csrfToken)}" autocomplete="off">
<label for="user_login">Username or primary email</label>
<input class="form-control" autocomplete="username" type="text" name="user[login]" id="user_login" value="${escapeHtml(login)}">
<label for="user_password">Password</label>
<input class="form-control" autocomplete="current-password" type="password" name="user[password]" id="user_password">
<input name="user[remember_me]" type="hidden" value="0"><input type="checkbox" value="1" name="user[remember_me]" id="user_remember_me">
<button type="submit" name="button" data-testid="sign-in-button">Sign in</button>
</form>`,
  );
}

/** app/views/devise/sessions/two_factor.html.haml: the second step, posted to the same route. */
export function twoFactorPage(action: string, csrfToken: string, alert: string | null): string {
  const flash =
    alert === null
      ? ''
      : `<div class="flash-container"><div class="flash-alert">${escapeHtml(alert)}</div></div>`;
  return page(
    'Two-factor authentication',
    `${flash}
<h1>Two-factor authentication</h1>
<form id="new_user" action="${escapeHtml(action)}" accept-charset="UTF-8" method="post">
<input type="hidden" name="authenticity_token" value="${escapeHtml(csrfToken)}" autocomplete="off">
<label for="user_otp_attempt">Enter verification code</label>
<input class="form-control" autocomplete="one-time-code" inputmode="numeric" type="text" name="user[otp_attempt]" id="user_otp_attempt" autofocus>
<input name="user[remember_me]" type="hidden" value="0">
<button type="submit" name="button" data-testid="verify-code-button">Verify code</button>
</form>`,
  );
}

export function notFoundPage(): string {
  return page(
    'Not Found',
    '<h1>404</h1><h3>Page Not Found</h3><p>Make sure the address is correct and the page has not moved.</p>',
  );
}

export function unprocessablePage(): string {
  return page(
    'The change you requested was rejected (422)',
    '<h1>422</h1><h3>The change you requested was rejected.</h3>',
  );
}

export function dashboardPage(
  username: string,
  projects: readonly { path: string; url: string }[],
  csrfToken: string | null = null,
): string {
  const items = projects
    .map((p) => `<li><a href="${escapeHtml(p.url)}">${escapeHtml(p.path)}</a></li>`)
    .join('\n');
  return page(
    'Projects',
    `<h1>Projects</h1><p>Signed in as @${escapeHtml(username)}</p><ul>${items}</ul>`,
    csrfToken,
  );
}

export function jobPage(title: string, status: string, terminalPath: string | null): string {
  const debug =
    terminalPath === null
      ? ''
      : `<a class="btn" data-testid="terminal-link" title="Debug" target="_blank" href="${escapeHtml(terminalPath)}">Debug</a>`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p class="ci-status">${escapeHtml(status)}</p>${debug}`,
  );
}

/** app/views/projects/jobs/terminal.html.haml: the websocket path sits in data-project-path. */
export function terminalPage(title: string, wsPath: string): string {
  return page(
    title,
    `<div class="terminal-container"><div class="content" id="terminal" data-project-path="${escapeHtml(wsPath)}"></div></div>`,
  );
}
