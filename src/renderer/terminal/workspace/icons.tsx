/** Small line icons (16×16, currentColor), drawn inline so no font or network is needed. */
import './icons.css';

type IconName =
  | 'pause'
  | 'external'
  | 'search'
  | 'log'
  | 'save'
  | 'resize'
  | 'alert'
  | 'chevron'
  | 'check'
  | 'info'
  | 'more';

const PATHS: Readonly<Record<IconName, string>> = {
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  external: 'M9 3h4v4M13 3 7.5 8.5M11.5 9.5V13h-8.5V4.5H7',
  search: 'M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10ZM10.7 10.7 14 14',
  log: 'M3 3.5h10M3 6.5h10M3 9.5h7M3 12.5h5',
  save: 'M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10',
  resize: 'M2.5 6V2.5H6M13.5 10v3.5H10M2.5 2.5l4 4M13.5 13.5l-4-4',
  alert: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 4.8v3.8M8 11.2v.01',
  chevron: 'M4.5 6.5 8 10l3.5-3.5',
  check: 'M3 8.5 6.5 12 13 4.5',
  info: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 7.2v4M8 4.8v.01',
  more: 'M3.5 8h.01M8 8h.01M12.5 8h.01',
};

/** A decorative icon; the button or text beside it carries the meaning. */
export function Icon({ name }: { readonly name: IconName }) {
  return (
    <svg
      className={`icon icon-${name}`}
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
