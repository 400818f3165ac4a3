/** Money is always an integer count of fen (1/100 yuan), so sums and comparisons are exact. */
export type Fen = number;

/** True when the value is a non-negative safe integer amount of fen. */
export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Formats fen as yuan with two decimals, for display and exports (never for arithmetic). */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const fen = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${fen}`;
}
