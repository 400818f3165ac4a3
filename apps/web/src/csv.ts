// Exports the web app offers as files; pure functions, so the unit tests read them without a browser.

export const csvCell = (value: string | number) => {
  const text = String(value);
  // Quoted when needed; text starting like a formula is neutralised so a spreadsheet shows it as text.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The dashboard's figures as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese right). */
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
  const rows: (string | number)[][] = [[labels.section, labels.item, labels.value]];
  rows.push([labels.headline, 'program', program.name]);
  rows.push([labels.headline, 'applications', stats.total]);
  rows.push([labels.headline, 'budgetYuan', (program.budgetFen / 100).toFixed(2)]);
  rows.push([labels.headline, 'requestedYuan', (stats.requestedFen / 100).toFixed(2)]);
  rows.push([labels.headline, 'awardedYuan', (stats.awardedFen / 100).toFixed(2)]);
  for (const [name, count] of funnelRows) rows.push([labels.funnel, name, count]);
  for (const [name, count] of categories) rows.push([labels.category, name, count]);
  for (const [name, count] of streets) rows.push([labels.street, name, count]);
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
