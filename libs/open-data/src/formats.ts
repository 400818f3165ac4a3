import type { Fen } from '@grantflow/domain';

/**
 * Fen as yuan text with exactly two decimals ('12345.67', '-0.05'), by integer arithmetic: open data and notice
 * boards show the amount the ledger holds, never a float's approximation of it.
 */
export function yuanText(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`An amount in fen must be a safe integer, not ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Fen as a yuan JSON number, for formats whose amounts are numbers (360Giving, OCDS). It is parsed from the exact
 * decimal text, so `JSON.stringify` writes that decimal back (30200, 12345.67) and a reader's `× 100` rounds to
 * the fen held.
 */
export function yuanAmount(fen: Fen): number {
  return Number(yuanText(fen));
}

// China has kept UTC+8 without daylight saving since 1991 (see libs/domain calendar/china-time).
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant on the Asia/Shanghai clock, 'YYYY-MM-DD HH:mm', for notice boards read by people in China. */
export function chinaDateTime(instant: Date): string {
  if (!Number.isFinite(instant.getTime())) throw new RangeError('Invalid Date');
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
