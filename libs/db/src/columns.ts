import type { ValueTransformer } from 'typeorm';

/**
 * Money is stored as bigint fen. Postgres returns bigint as a string; amounts stay far below 2^53 fen
 * (90 trillion yuan), so they are read back as exact JavaScript integers.
 */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
