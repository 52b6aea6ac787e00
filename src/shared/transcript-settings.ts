/** Automatic transcripts (issue 15): opt-in, where they go, and what is cut out of them first. */
export interface TranscriptSettings {
  readonly enabled: boolean;
  /** Absolute folder; files go to <folder>/<instance>/<project>/<job>/<time>.txt|.cast. */
  readonly folder: string;
  /** Regular expressions (JavaScript syntax); every match becomes [REDACTED]. */
  readonly redactions: readonly string[];
}
