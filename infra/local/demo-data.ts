import { SERVICE_CATEGORY_KEYS } from '@grantflow/domain';

// The district of the source document and its six streets (街道), each with two communities.
const STREETS = [
  { name: '湖滨街道', communities: ['东坡路社区', '青年路社区'] },
  { name: '清波街道', communities: ['劳动路社区', '柳翠井巷社区'] },
  { name: '小营街道', communities: ['小营巷社区', '茅廊巷社区'] },
  { name: '紫阳街道', communities: ['春江社区', '上羊市街社区'] },
  { name: '望江街道', communities: ['近江社区', '婺江社区'] },
  { name: '南星街道', communities: ['馒头山社区', '复兴社区'] },
];

const PROJECT_TITLES: Record<string, string[]> = {
  elderly: ['独居老人助餐服务', '高龄老人智能手机课堂'],
  disability_hardship: ['残障青年就业陪伴计划', '困难家庭微心愿'],
  youth: ['四点半课堂', '青少年社区议事会'],
  new_residents: ['新杭州人子女暑期营', '新市民融入讲堂'],
  culture: ['社区历史口述计划', '邻里戏曲角'],
  environment: ['垃圾分类督导员培育', '屋顶菜园'],
  food_safety: ['菜市场食品安全监督员'],
  other: ['邻里互助时间银行', '社区调解工作室'],
};

interface Created {
  id: string;
}

async function call<T>(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Loads a demo through the public API, the same code path users take: organizations in every street, a
 * grant program, and applications of which most are submitted and one is withdrawn.
 */
export async function loadDemoData(
  baseUrl: string,
): Promise<{ organizations: number; applications: number }> {
  const program = await call<Created>(baseUrl, '/api/programs', {
    name: '2026年上城区社区公益创投大赛',
    templateKey: 'grant-competition',
    budgetFen: 300_000_000,
  });
  let applications = 0;
  let organizations = 0;
  for (const [streetIndex, street] of STREETS.entries()) {
    for (const [communityIndex, community] of street.communities.entries()) {
      const organization = await call<Created>(baseUrl, '/api/organizations', {
        name: `${community}${['志愿者协会', '邻里服务社'][communityIndex]}`,
        kind: 'community_filed',
        street: street.name,
        community,
      });
      organizations += 1;
      const category =
        SERVICE_CATEGORY_KEYS[(streetIndex * 2 + communityIndex) % SERVICE_CATEGORY_KEYS.length];
      const title = PROJECT_TITLES[category][communityIndex % PROJECT_TITLES[category].length];
      const application = await call<Created>(baseUrl, '/api/applications', {
        programId: program.id,
        organizationId: organization.id,
        title,
        category,
        street: street.name,
        requestedAmountFen: (3 + ((streetIndex + communityIndex) % 5)) * 1_000_000,
      });
      applications += 1;
      const actor = {
        'X-Organization-Id': organization.id,
        'X-User-Id': `demo-${organization.id.slice(0, 8)}`,
      };
      // One draft per street stays unsubmitted, so every state appears in the demo.
      if (communityIndex === 1 && streetIndex % 2 === 0) continue;
      await call(baseUrl, `/api/applications/${application.id}/submit`, {}, actor);
      if (streetIndex === 5 && communityIndex === 0)
        await call(baseUrl, `/api/applications/${application.id}/withdraw`, { reason: '负责人调离' }, actor);
    }
  }
  return { organizations, applications };
}
