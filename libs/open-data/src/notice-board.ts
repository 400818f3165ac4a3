import ExcelJS from 'exceljs';
import type { Fen } from '@grantflow/domain';
import { chinaDateTime, yuanText } from './formats';

/** How a column's values are written: yuan from fen, an Asia/Shanghai time from an instant, or as they are. */
export type NoticeColumnKind = 'text' | 'integer' | 'number' | 'yuan' | 'time';

/** One column of a notice-board list, headed in Chinese with the English beside it. */
export interface NoticeColumn {
  key: string;
  header: string;
  kind: NoticeColumnKind;
}

/** A cell as the list holds it: fen for yuan columns, an ISO instant for time columns. */
export type NoticeCell = string | number | null;

/** A list for the notice boards (公示栏): the award list or a ranking list. */
export interface NoticeTable {
  /** Sheet name and title, e.g. 资助名单. */
  title: string;
  columns: NoticeColumn[];
  rows: Record<string, NoticeCell>[];
}

// Excel reads a CSV as UTF-8 only when it starts with the byte order mark; without it Chinese turns to mojibake.
const BOM = '\uFEFF';

function display(column: NoticeColumn, cell: NoticeCell): string {
  if (cell === null || cell === undefined) return '';
  switch (column.kind) {
    case 'yuan':
      return yuanText(cell as Fen);
    case 'time':
      return chinaDateTime(new Date(cell));
    default:
      return String(cell);
  }
}

// RFC 4180: quote a field holding a quote, comma or line break, doubling its quotes. A leading =, +, - or @
// would make a spreadsheet run the text as a formula (CSV injection), so such text fields get a leading quote.
function csvField(text: string, column: NoticeColumn): string {
  const safe = column.kind === 'text' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The list as CSV: UTF-8 with a byte order mark and CRLF lines, so Excel opens the Chinese text correctly. */
export function toCsv(table: NoticeTable): string {
  const lines = [
    table.columns.map((column) => csvField(column.header, { ...column, kind: 'text' })),
    ...table.rows.map((row) =>
      table.columns.map((column) => csvField(display(column, row[column.key]), column)),
    ),
  ];
  return BOM + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

const NUMBER_FORMATS: Partial<Record<NoticeColumnKind, string>> = {
  yuan: '#,##0.00',
  integer: '0',
};

/**
 * The list as an XLSX workbook of one sheet: amounts as numbers in yuan formatted with two decimals (so the
 * board's staff can add them up), times as Asia/Shanghai text, a frozen header row.
 */
export async function toXlsx(table: NoticeTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Grantflow';
  // Excel refuses sheet names over 31 characters or with []:*?/\.
  const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    key: column.key,
    header: column.header,
    width: Math.max(10, Math.min(40, column.header.length * 2)),
    style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      Object.fromEntries(
        table.columns.map((column) => {
          const cell = row[column.key];
          if (cell === null || cell === undefined) return [column.key, null];
          // Parsed from the exact decimal text, so the cell holds the fen amount's yuan value, not a float's.
          if (column.kind === 'yuan') return [column.key, Number(yuanText(cell as Fen))];
          if (column.kind === 'time') return [column.key, chinaDateTime(new Date(cell))];
          return [column.key, cell];
        }),
      ),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
