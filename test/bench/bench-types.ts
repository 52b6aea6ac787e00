/** One benchmark's numbers. Benchmarks report; they never pass or fail on timing. */
export interface BenchMetric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The same quantity for the baseline measured in the same run, when there is one. */
  readonly baseline?: number;
  /** value / baseline (or the goal's own ratio), when meaningful. */
  readonly ratio?: number;
  /** The quality goal this number is judged against, in words, e.g. "≥ 0.9 × baseline". */
  readonly goal?: string;
}

export interface BenchReport {
  /** Quality goal id, e.g. "P7". */
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly BenchMetric[];
  readonly notes: readonly string[];
}

/** Each benchmark module exports `run` with this shape; test/bench/run.ts collects them. */
export type BenchRun = () => Promise<BenchReport>;
