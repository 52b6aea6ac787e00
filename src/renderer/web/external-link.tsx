import type { ReactNode } from 'react';
import { useApp } from '../hooks/app-context';
import { checkLink } from '../terminal/xterm/link-policy';

/**
 * A link to a web page (GitLab's job page). In browser mode a real link: it opens in a new
 * browser tab (`noopener noreferrer`), and middle-click or "Copy link" work as on any page. In
 * the desktop app a button that has main open it in the default browser.
 */
export function ExternalLink(props: {
  readonly href: string;
  readonly title: string;
  readonly className?: string;
  /** The desktop path (and the fallback for an address that is not a plain http(s) link). */
  readonly onOpen: () => void;
  readonly children: ReactNode;
}) {
  const { bridge } = useApp();
  const check = checkLink(props.href);
  if (bridge.kind === 'browser' && check.ok) {
    return (
      <a
        className={props.className}
        href={check.url}
        target="_blank"
        rel="noopener noreferrer"
        title={props.title}
      >
        {props.children}
      </a>
    );
  }
  return (
    <button className={props.className} title={props.title} onClick={props.onOpen}>
      {props.children}
    </button>
  );
}
