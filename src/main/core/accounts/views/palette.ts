/** Account colours: distinct, readable on light and dark backgrounds. */
export const ACCOUNT_PALETTE = [
  '#1f75cb',
  '#e24329',
  '#108548',
  '#9e5cd8',
  '#c17d10',
  '#0b8a8a',
  '#d63384',
  '#5c6f84',
] as const;

/** The first palette colour no other account uses (cycling when all are taken). */
export function pickColor(used: readonly string[]): string {
  const taken = new Set(used.map((color) => color.toLowerCase()));
  const free = ACCOUNT_PALETTE.find((color) => !taken.has(color));
  return free ?? ACCOUNT_PALETTE[used.length % ACCOUNT_PALETTE.length] ?? ACCOUNT_PALETTE[0];
}

/** A `#rrggbb` colour, or null when the input is not one. */
export function parseColor(input: string): string | null {
  const color = input.trim().toLowerCase();
  return /^#[0-9a-f]{6}$/.test(color) ? color : null;
}
