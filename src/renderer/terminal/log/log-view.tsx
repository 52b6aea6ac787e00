import './log-view.css';
import { memo, type CSSProperties } from 'react';
import type { LogColor, LogSegment } from './ansi-spans';
import type { LogLine } from './log-lines';

/** One log line as React text nodes in styled spans: log text is never HTML. */
export const LogLineView = memo(function LogLineView({ line }: { readonly line: LogLine }) {
  return (
    <div className="log-line">
      {line.segments.length === 0
        ? '\u00a0'
        : line.segments.map((s, i) => <Segment key={i} segment={s} />)}
    </div>
  );
});

function Segment({ segment }: { readonly segment: LogSegment }) {
  const { style, text } = segment;
  const classes: string[] = [];
  const css: CSSProperties = {};
  if (style.fg?.kind === 'palette') classes.push(`ansi-fg-${style.fg.index}`);
  if (style.bg?.kind === 'palette') classes.push(`ansi-bg-${style.bg.index}`);
  if (style.fg?.kind === 'rgb') css.color = rgbOf(style.fg);
  if (style.bg?.kind === 'rgb') css.backgroundColor = rgbOf(style.bg);
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (classes.length === 0 && style.fg === null && style.bg === null) return text;
  return (
    <span className={classes.join(' ')} style={css}>
      {text}
    </span>
  );
}

function rgbOf(color: Extract<LogColor, { kind: 'rgb' }>): string {
  return color.value;
}
