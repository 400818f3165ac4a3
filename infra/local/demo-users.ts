import { DataSource } from 'typeorm';
import { dataSourceOptions, UserEntity } from '@grantflow/db';
import { hashPassword } from '../../apps/api/src/auth/passwords';

/** The password of every demo account (README lists them); a demo database only. */
export const DEMO_PASSWORD = 'Grantflow@2026';

/** The six streets of the demo district, in the order the demo data uses them. */
export const DEMO_STREETS = ['湖滨街道', '清波街道', '小营街道', '紫阳街道', '望江街道', '南星街道'];

/** A demo account: its e-mail, name, roles and scope. */
export interface DemoAccount {
  email: string;
  displayName: string;
  roles: string[];
  scope?: string;
}

const STREET_EXPERT_NAMES = ['周敏', '陈立', '徐静'];
const DISTRICT_EXPERT_NAMES = ['王建国', '李秀英', '张伟', '刘洋'];

/** Every demo account: staff of each role, a coordinator per street, experts, one admin per organization. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.grantflow.cn', displayName: '平台管理员', roles: ['admin'] },
  {
    email: 'district@demo.grantflow.cn',
    displayName: '区民政局 项目协调员',
    roles: ['coordinator:district'],
  },
  // The first street's coordinator has the short address; the others are street2 … street6.
  ...DEMO_STREETS.map((street, index) => ({
    email: index === 0 ? 'street@demo.grantflow.cn' : `street${index + 1}@demo.grantflow.cn`,
    displayName: `${street} 协调员`,
    roles: ['coordinator:street'],
    scope: street,
  })),
  ...STREET_EXPERT_NAMES.map((name, index) => ({
    email: `expert${index + 1}@demo.grantflow.cn`,
    displayName: name,
    roles: ['reviewer'],
  })),
  ...DISTRICT_EXPERT_NAMES.map((name, index) => ({
    email: `expert${index + 4}@demo.grantflow.cn`,
    displayName: name,
    roles: ['reviewer'],
  })),
  { email: 'leader@demo.grantflow.cn', displayName: '区领导', roles: ['leadership'] },
  { email: 'purchaser@demo.grantflow.cn', displayName: '区民政局 采购科', roles: ['purchaser'] },
  { email: 'evaluator@demo.grantflow.cn', displayName: '第三方评估机构', roles: ['evaluator'] },
  // Acts only for the company its organization membership names, on the programs that company funds.
  { email: 'funder@demo.grantflow.cn', displayName: '出资企业联系人', roles: ['funder'] },
  // Organization admins: the demo data makes each the admin of one organization (applicant = the first).
  ...Array.from({ length: 12 }, (_, index) => ({
    email:
      index === 0
        ? 'applicant@demo.grantflow.cn'
        : `org${String(index + 1).padStart(2, '0')}@demo.grantflow.cn`,
    displayName: `社会组织负责人 ${index + 1}`,
    roles: [],
  })),
];

/**
 * Creates the demo accounts in an empty database; answers false (and changes nothing) when there are users
 * already, so a restart keeps what people did.
 */
export async function seedDemoAccounts(databaseUrl: string): Promise<boolean> {
  const dataSource = new DataSource({ ...dataSourceOptions({ url: databaseUrl }), poolSize: 1 });
  await dataSource.initialize();
  try {
    const users = dataSource.getRepository(UserEntity);
    if ((await users.count()) > 0) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await users.insert(
      DEMO_ACCOUNTS.map((account) => ({
        email: account.email,
        displayName: account.displayName,
        roles: account.roles,
        scope: account.scope ?? null,
        passwordHash,
        passwordChangedAt: new Date(),
      })),
    );
    return true;
  } finally {
    await dataSource.destroy();
  }
}
