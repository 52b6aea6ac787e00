/**
 * Quality F9's hostile outputs, produced by the job's real shell so they take the real runner and
 * Workhorse path: a line of `bytes` without a newline, and an OSC string (window title) of
 * `bytes` that only ends after all of them. Each ends with a marker line, so a client knows when
 * it all went through.
 */
export type F9Kind = 'long-line' | 'osc';

/** 10 MiB, the size quality F9 names. */
export const F9_DEFAULT_BYTES = 10 * 1024 * 1024;

/** The marker printed on a line of its own after the input. */
export function f9DoneMarker(kind: F9Kind): string {
  return `f9-${kind}-done`;
}

/** The command line to type into the shell (leading space: kept out of bash history). */
export function f9Command(kind: F9Kind, bytes: number = F9_DEFAULT_BYTES): string {
  const body = `head -c ${Math.floor(bytes)} /dev/zero | tr '\\0' x`;
  // The marker is built from two halves so the echoed command line does not contain it.
  const [left, right] = splitMarker(f9DoneMarker(kind));
  const done = `printf '\\n%s%s\\n' '${left}' '${right}'`;
  return kind === 'long-line'
    ? ` ${body}; ${done}\r`
    : ` printf '\\033]0;'; ${body}; printf '\\007'; ${done}\r`;
}

function splitMarker(marker: string): [string, string] {
  const half = Math.floor(marker.length / 2);
  return [marker.slice(0, half), marker.slice(half)];
}
