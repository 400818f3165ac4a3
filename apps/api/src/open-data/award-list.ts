import type { NoticeTable } from '@grantflow/open-data';
import type { PublishedAwards } from './published-awards.service';

/** The award list (资助名单) for the notice boards: what the published notice says, one line per grant. */
export function awardListTable({ program, awards }: PublishedAwards): NoticeTable {
  return {
    title: '资助名单',
    columns: [
      { key: 'number', header: '序号 No.', kind: 'integer' },
      { key: 'title', header: '项目名称 Project', kind: 'text' },
      { key: 'organization', header: '申报单位 Organization', kind: 'text' },
      { key: 'street', header: '所属街道 Street', kind: 'text' },
      { key: 'category', header: '项目类别 Category', kind: 'text' },
      { key: 'tier', header: '资助档次 Tier', kind: 'text' },
      { key: 'amount', header: '资助金额（元）Amount (yuan)', kind: 'yuan' },
      { key: 'partial', header: '部分资助 Partly funded', kind: 'text' },
      { key: 'published', header: '公示时间 Published (UTC+8)', kind: 'time' },
    ],
    rows: awards.map(({ grant, partial }, index) => ({
      number: index + 1,
      title: grant.title,
      organization: grant.recipient.name,
      street: grant.street,
      category: grant.category.name.zh,
      tier: grant.tier.zh,
      amount: grant.amountAwardedFen,
      partial: partial ? '是' : '',
      published: program.awardedAt,
    })),
  };
}
