import { faviconOf, titleOf, type Badge } from './document-badge';

/** Writes title and favicon; untouched when they are already right (no churn every second). */
export function applyBadge(badge: Badge): void {
  const title = titleOf(badge);
  if (document.title !== title) document.title = title;
  const href = faviconOf(badge);
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (link === null) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  if (link.getAttribute('href') !== href) {
    link.type = 'image/svg+xml';
    link.setAttribute('href', href);
  }
}
