/**
 * xterm's colours from the app's CSS variables (styles/theme.css holds the terminal's background,
 * cursor, selection and ANSI palette beside the other design tokens), so the terminal follows
 * light/dark like the rest of the window.
 */
import type { ITheme } from '@xterm/xterm';

/** The 16 ANSI colours, in xterm's ITheme key order; each is `--term-<kebab name>` in CSS. */
const PALETTE_KEYS = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'brightBlack',
  'brightRed',
  'brightGreen',
  'brightYellow',
  'brightBlue',
  'brightMagenta',
  'brightCyan',
  'brightWhite',
] as const;

/** Reads one CSS variable of the document, or `fallback` when the stylesheet has none. */
export function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

/** The terminal theme for whatever theme the document currently shows. */
export function readXtermTheme(): ITheme {
  const background = cssVar('--term-bg', '#0f1115');
  const foreground = cssVar('--term-fg', '#e6e8eb');
  const theme: Record<string, string> = {
    background,
    foreground,
    cursor: cssVar('--term-cursor', foreground),
    cursorAccent: background,
    selectionBackground: cssVar('--term-selection', '#7c8cff55'),
    selectionInactiveBackground: cssVar('--term-selection-inactive', '#7c8cff33'),
    scrollbarSliderBackground: cssVar('--term-scrollbar', '#8884'),
    scrollbarSliderHoverBackground: cssVar('--term-scrollbar-hover', '#8886'),
    scrollbarSliderActiveBackground: cssVar('--term-scrollbar-hover', '#8886'),
  };
  for (const key of PALETTE_KEYS) {
    const value = cssVar(`--term-${kebab(key)}`, '');
    if (value !== '') theme[key] = value;
  }
  return theme;
}

/** Search highlight colours; xterm needs #RRGGBB here, so they are fixed per theme. */
export function searchDecorations(dark: boolean) {
  return dark
    ? {
        matchBackground: '#5c4a12',
        matchBorder: '#00000000',
        matchOverviewRuler: '#d29922',
        activeMatchBackground: '#b7791f',
        activeMatchBorder: '#ffb74d',
        activeMatchColorOverviewRuler: '#ffb74d',
      }
    : {
        matchBackground: '#fff1a8',
        matchBorder: '#00000000',
        matchOverviewRuler: '#d4a72c',
        activeMatchBackground: '#ffc83d',
        activeMatchBorder: '#b26a00',
        activeMatchColorOverviewRuler: '#b26a00',
      };
}

/** True when the document currently shows the dark theme. */
export function documentIsDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
