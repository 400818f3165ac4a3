import { StreamableFile } from '@nestjs/common';
import { toCsv, toXlsx, type NoticeTable } from '@grantflow/open-data';

/** The file formats of the notice-board lists. */
export type NoticeFormat = 'csv' | 'xlsx';

const CONTENT_TYPES: Record<NoticeFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A notice-board list as a download: CSV (UTF-8 with BOM) or XLSX, named `<name>.<format>`. */
export async function noticeFile(
  table: NoticeTable,
  format: NoticeFormat,
  name: string,
): Promise<StreamableFile> {
  const body = format === 'csv' ? Buffer.from(toCsv(table), 'utf8') : await toXlsx(table);
  return new StreamableFile(body, {
    type: CONTENT_TYPES[format],
    disposition: `attachment; filename="${name}.${format}"`,
    length: body.length,
  });
}
