/**
 * Job and project names come from GitLab and may contain anything. Linux notification servers
 * render a subset of HTML in the body (libnotify markup), so there `<`, `>` and `&` are escaped;
 * elsewhere text is shown as is. Control characters are removed everywhere.
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Longest body shown: notification servers cut longer text anyway, at arbitrary places. */
export const MAX_NOTIFICATION_BODY = 300;

export function notificationText(
  text: string,
  platform: string,
  max = MAX_NOTIFICATION_BODY,
): string {
  const plain = text.replace(CONTROL, '');
  const cut = plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
  if (platform !== 'linux') return cut;
  return cut.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
