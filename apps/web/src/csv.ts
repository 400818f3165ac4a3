// Exports the web app offers as files; pure functions, so the unit tests read them without a browser.

export const csvCell = (value: string | number) => {
  const text = String(value);
  // Quoted when needed; text starting like a formula is neutralised so a spreadsheet shows it as text.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Rows as CSV: UTF-8 with a BOM, so spreadsheet programs read the Chinese right, and CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Money for a spreadsheet: yuan with two decimals, from integer fen. */
export const yuanCell = (fen: number) => (fen / 100).toFixed(2);

/** One titled group of figures: each row an item and its value. */
export interface CsvSection {
  title: string;
  rows: [string, string | number][];
}

/**
 * Figures as CSV, one row per figure under a header of section, item and value; then, after an empty line, a
 * table (its own header and rows) when there is one, such as the overview's line per program.
 */
export function figuresCsv(
  header: [string, string, string],
  sections: CsvSection[],
  table?: { header: string[]; rows: (string | number)[][] },
): string {
  const rows: (string | number)[][] = [header];
  for (const section of sections)
    for (const [item, value] of section.rows) rows.push([section.title, item, value]);
  if (table) rows.push([], table.header, ...table.rows);
  return toCsv(rows);
}

/** The dashboard's figures of one program as CSV. */
export function statsCsv(
  program: { name: string; budgetFen: number },
  stats: { total: number; requestedFen: number; awardedFen: number },
  funnelRows: [string, number][],
  categories: [string, number][],
  streets: [string, number][],
  labels: {
    section: string;
    item: string;
    value: string;
    headline: string;
    funnel: string;
    category: string;
    street: string;
  },
): string {
  return figuresCsv(
    [labels.section, labels.item, labels.value],
    [
      {
        title: labels.headline,
        rows: [
          ['program', program.name],
          ['applications', stats.total],
          ['budgetYuan', yuanCell(program.budgetFen)],
          ['requestedYuan', yuanCell(stats.requestedFen)],
          ['awardedYuan', yuanCell(stats.awardedFen)],
        ],
      },
      { title: labels.funnel, rows: funnelRows },
      { title: labels.category, rows: categories },
      { title: labels.street, rows: streets },
    ],
  );
}
