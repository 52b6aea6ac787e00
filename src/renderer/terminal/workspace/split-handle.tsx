import './split-handle.css';
import { useRef } from 'react';

/** Narrowest useful log pane; below this its lines wrap into noise. */
export const MIN_LOG_WIDTH = 220;
/** The terminal keeps at least this much, so a wide log never hides the shell. */
export const MIN_TERMINAL_WIDTH = 280;
/** Arrow keys move the handle by about three characters of the log font. */
const KEY_STEP_PX = 24;

/** A vertical drag handle that resizes the pane to its right. */
export function SplitHandle(props: {
  readonly width: number;
  readonly containerWidth: () => number;
  readonly onResize: (width: number) => void;
  readonly onResizeEnd: (width: number) => void;
}) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const last = useRef(props.width);
  const clamp = (width: number): number =>
    Math.round(
      Math.max(MIN_LOG_WIDTH, Math.min(props.containerWidth() - MIN_TERMINAL_WIDTH, width)),
    );
  return (
    <div
      className="split-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the job log"
      aria-valuenow={props.width}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { x: e.clientX, width: props.width };
      }}
      onPointerMove={(e) => {
        if (start.current === null) return;
        last.current = clamp(start.current.width + start.current.x - e.clientX);
        props.onResize(last.current);
      }}
      onPointerUp={() => {
        if (start.current === null) return;
        start.current = null;
        props.onResizeEnd(last.current);
      }}
      onKeyDown={(e) => {
        const step =
          e.key === 'ArrowLeft' ? KEY_STEP_PX : e.key === 'ArrowRight' ? -KEY_STEP_PX : 0;
        if (step === 0) return;
        const width = clamp(props.width + step);
        props.onResize(width);
        props.onResizeEnd(width);
      }}
    />
  );
}
