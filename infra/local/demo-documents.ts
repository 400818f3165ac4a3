import ExcelJS from 'exceljs';

/**
 * Small but real files for the demo's forms, so a reviewer who downloads an attachment opens a document, not an
 * empty placeholder: a one-page PDF naming what it stands for, and a budget workbook with lines and a total.
 */
export function demoPdf(title: string): Buffer {
  // PDF's standard fonts cannot draw Chinese; the page says what it is in ASCII.
  const text = title.replace(/[^\x20-\x7e]/g, '').replace(/[()\\]/g, '') || 'Grantflow demo document';
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A project budget (预算明细表) in yuan, its lines adding up to the amount requested. */
export async function demoBudgetWorkbook(projectName: string, requestedFen: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('预算明细');
  sheet.columns = [
    { header: '科目', key: 'item', width: 24 },
    { header: '金额（元）', key: 'yuan', width: 16 },
  ];
  sheet.addRow({ item: projectName });
  const shares: [string, number][] = [
    ['人员费用', 0.4],
    ['活动费用', 0.35],
    ['物资费用', 0.15],
    ['宣传与评估', 0.1],
  ];
  let allotted = 0;
  shares.forEach(([item, share], index) => {
    // The last line takes the rounding remainder, so the lines add up exactly.
    const fen = index === shares.length - 1 ? requestedFen - allotted : Math.round(requestedFen * share);
    allotted += fen;
    sheet.addRow({ item, yuan: fen / 100 });
  });
  sheet.addRow({ item: '合计', yuan: requestedFen / 100 });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
