/** Turns bench reports into the console table and the Markdown report. */
import type { BenchMetric, BenchReport } from '../bench-types';

/** A report as the runner records it: a module that failed to run carries its error. */
export interface BenchEntry extends BenchReport {
  readonly error?: string;
  readonly durationMs: number;
}

export const HOW_TO_READ = [
  'How to read the bench report: every speed goal of docs/quality.md is a RATIO against a baseline',
  'measured in the same run on this machine, because absolute times on a shared 2-core box are',
  'noise. "measured" is Jobshell, "baseline" the same quantity for the reference (for P1/P3 a page',
  "that does what GitLab's own web terminal does; P4 an empty app; P5 one quiet terminal; P7 naive",
  'polling), "ratio" = measured / baseline, and "goal" the bar from docs/quality.md. Goals without a',
  'baseline (P2, P6) are absolute bounds. Benchmarks report; they never pass or fail. Notes say how',
  'each number was taken and what could not be measured.',
].join('\n');

function show(value: number | undefined): string {
  if (value === undefined) return '—';
  if (Number.isNaN(value)) return 'n/a';
  return String(value);
}

function measured(metric: BenchMetric): string {
  return `${show(metric.value)} ${metric.unit}`.trim();
}

function baseline(metric: BenchMetric): string {
  return metric.baseline === undefined ? '—' : `${show(metric.baseline)} ${metric.unit}`.trim();
}

/** Fixed-width console table of every entry. */
export function consoleTable(entries: readonly BenchEntry[]): string {
  const rows: string[][] = [['goal', 'metric', 'measured', 'baseline', 'ratio', 'goal bar']];
  for (const entry of entries) {
    if (entry.error !== undefined) {
      rows.push([entry.id, `ERROR: ${entry.error}`, '', '', '', '']);
      continue;
    }
    for (const metric of entry.metrics) {
      rows.push([
        entry.id,
        metric.name,
        measured(metric),
        baseline(metric),
        show(metric.ratio),
        metric.goal ?? '',
      ]);
    }
  }
  const widths =
    rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The Markdown report: a table per goal, then its notes. */
export function markdownReport(entries: readonly BenchEntry[], header: readonly string[]): string {
  const out: string[] = [
    '# Jobshell benchmark report',
    '',
    ...header,
    '',
    HOW_TO_READ.replaceAll('\n', ' '),
    '',
  ];
  for (const entry of entries) {
    out.push(`## ${entry.id}: ${entry.title}`, '');
    if (entry.error !== undefined) {
      out.push(`**Did not run:** ${escapeCell(entry.error)}`, '');
    } else {
      out.push('| metric | measured | baseline | ratio | goal |', '|---|---|---|---|---|');
      for (const m of entry.metrics) {
        out.push(
          `| ${escapeCell(m.name)} | ${escapeCell(measured(m))} | ${escapeCell(baseline(m))} | ${show(m.ratio)} | ${escapeCell(m.goal ?? '')} |`,
        );
      }
      out.push('');
    }
    for (const note of entry.notes) out.push(`- ${note}`);
    out.push(`- Took ${Math.round(entry.durationMs / 1000)} s.`, '');
  }
  return out.join('\n');
}
