import { csvCell, figuresCsv, statsCsv, yuanCell } from './csv';

describe('the dashboard export', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvCell('湖滨街道')).toBe('湖滨街道');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes the headline figures in yuan, the funnel, categories and streets, with a BOM', () => {
    const csv = statsCsv(
      { name: '2026年社区公益创投', budgetFen: 30_000_000 },
      { total: 4, requestedFen: 12_000_000, awardedFen: 5_000_050 },
      [
        ['申报', 4],
        ['获资助', 2],
      ],
      [['为老服务', 3]],
      [['湖滨街道', 2]],
      {
        section: '分类',
        item: '项目',
        value: '数值',
        headline: '总体',
        funnel: '办理漏斗',
        category: '按类别',
        street: '按街道',
      },
    );
    expect(csv.startsWith('\uFEFF分类,项目,数值\r\n')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF分类,项目,数值',
      '总体,program,2026年社区公益创投',
      '总体,applications,4',
      '总体,budgetYuan,300000.00',
      '总体,requestedYuan,120000.00',
      '总体,awardedYuan,50000.50',
      '办理漏斗,申报,4',
      '办理漏斗,获资助,2',
      '按类别,为老服务,3',
      '按街道,湖滨街道,2',
      '',
    ]);
  });
});

describe('the overview export', () => {
  it('writes the figures by section, then the table of programs after an empty line', () => {
    const csv = figuresCsv(
      ['分类', '项目', '数值'],
      [
        { title: '资金', rows: [['已拨付（元）', yuanCell(60_000_005)]] },
        { title: '评估等级', rows: [['优秀', 100]] },
      ],
      { header: ['项目', '年度'], rows: [['2019年公益创投', 2019]] },
    );
    expect(csv.split('\r\n')).toEqual([
      '\uFEFF分类,项目,数值',
      '资金,已拨付（元）,600000.05',
      '评估等级,优秀,100',
      '',
      '项目,年度',
      '2019年公益创投,2019',
      '',
    ]);
  });
});
