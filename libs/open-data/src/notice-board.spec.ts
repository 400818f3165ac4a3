import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type NoticeTable } from './notice-board';

const table: NoticeTable = {
  title: '资助名单',
  columns: [
    { key: 'rank', header: '序号 No.', kind: 'integer' },
    { key: 'title', header: '项目名称 Project', kind: 'text' },
    { key: 'amount', header: '资助金额（元）Amount (yuan)', kind: 'yuan' },
    { key: 'at', header: '公示时间 Published', kind: 'time' },
  ],
  rows: [
    { rank: 1, title: '独居老人助餐服务', amount: 1_512_345, at: '2027-01-15T16:30:00.000Z' },
    { rank: 2, title: '“四点半”课堂, 含"引号"', amount: 2_500_000, at: null },
    { rank: 3, title: '=HYPERLINK("x")', amount: 5, at: '2027-01-15T02:00:00.000Z' },
  ],
};

describe('notice-board lists', () => {
  it('writes CSV in UTF-8 with a byte order mark, CRLF lines and RFC 4180 quoting', () => {
    const csv = toCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split('\r\n')).toEqual([
      '序号 No.,项目名称 Project,资助金额（元）Amount (yuan),公示时间 Published',
      '1,独居老人助餐服务,15123.45,2027-01-16 00:30',
      '2,"“四点半”课堂, 含""引号""",25000.00,',
      // A formula in a text cell is neutralised so a spreadsheet shows it as text.
      `3,"'=HYPERLINK(""x"")",0.05,2027-01-15 10:00`,
      '',
    ]);
  });

  it('writes an XLSX sheet that reads back with the header, yuan amounts as numbers and Shanghai times', async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as its own ArrayBuffer-like Buffer; a Node Buffer is what it reads.
    await workbook.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('资助名单')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['序号 No.', '项目名称 Project', '资助金额（元）Amount (yuan)', '公示时间 Published'],
      [1, '独居老人助餐服务', 15123.45, '2027-01-16 00:30'],
      [2, '“四点半”课堂, 含"引号"', 25000],
      [3, '=HYPERLINK("x")', 0.05, '2027-01-15 10:00'],
    ]);
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.00');
  });
});
