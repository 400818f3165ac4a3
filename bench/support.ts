// Helpers shared by the benchmarks that run against a real Postgres (and Temporal): a throwaway database,
// bounded concurrency, memory sampling and realistic application content.
import { runMigrations } from '@grantflow/db';
import { dropDatabase, ensureDatabase, siblingDatabaseUrl } from '../infra/local/databases';

// The local server of this kind of machine; DATABASE_URL names another one (only its server is used).
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The six streets of the source district, as applications and coordinators name them. */
export const STREETS = ['紫阳街道', '湖滨街道', '清波街道', '小营街道', '望江街道', '南星街道'];

/** Project categories of the grant-competition template, weighted roughly as the source district's. */
export const CATEGORIES = [
  'elderly',
  'elderly',
  'elderly',
  'disability_hardship',
  'youth',
  'new_residents',
  'culture',
  'environment',
  'food_safety',
  'other',
];

/** A positive integer from the environment, or the fallback when unset. */
export function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** A throwaway database on the configured server with every migration applied; `drop` removes it. */
export async function createBenchDatabase(kind: string): Promise<{ url: string; drop(): Promise<void> }> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const url = siblingDatabaseUrl(
    process.env.DATABASE_URL ?? DEFAULT_SERVER_URL,
    `grantflow_bench_${kind}_${stamp}_${process.pid}`,
  );
  await ensureDatabase(url);
  try {
    await runMigrations({ url });
  } catch (error) {
    await dropDatabase(url);
    throw error;
  }
  return { url, drop: () => dropDatabase(url) };
}

/** Runs `work` on every item with at most `limit` in flight; returns the errors instead of stopping. */
export async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<unknown[]> {
  const errors: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        await work(items[index], index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return errors;
}

/** Polls until the probe returns true; throws after the timeout, naming what was awaited. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  // Short enough not to dominate a phase of a few seconds, long enough not to load the database.
  const pollMs = 50;
  while (!(await probe())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Process memory at one moment, in bytes. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
}

/** Process memory before, after and at its peak over a measured stretch (sampled every 100 ms). */
export interface MemoryReport {
  before: MemorySample;
  after: MemorySample;
  peak: MemorySample;
}

/** Starts sampling process memory; the returned function stops and reports. */
export function watchMemory(): () => MemoryReport {
  const sample = (): MemorySample => {
    const { rss, heapUsed } = process.memoryUsage();
    return { rss, heapUsed };
  };
  const before = sample();
  const peak = { ...before };
  const timer = setInterval(() => {
    const now = sample();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  }, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    const after = sample();
    peak.rss = Math.max(peak.rss, after.rss);
    peak.heapUsed = Math.max(peak.heapUsed, after.heapUsed);
    return { before, after, peak };
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** One line describing a memory report. */
export function describeMemory(report: MemoryReport): string {
  return (
    `rss ${mib(report.before.rss)} → ${mib(report.after.rss)} (peak ${mib(report.peak.rss)}), ` +
    `heap ${mib(report.before.heapUsed)} → ${mib(report.after.heapUsed)} (peak ${mib(report.peak.heapUsed)})`
  );
}

/** A complete grant-competition application form (every required field filled), as an applicant sends it. */
export function applicationForm(index: number, category: string, requestedAmountFen: number) {
  return {
    projectName: `社区服务项目${index}`,
    category,
    serviceArea: '春江社区、上羊市街社区',
    beneficiaries: 60 + (index % 240),
    startDate: '2027-03-01',
    endDate: '2027-12-31',
    necessity: '社区独居老人和困难家庭就餐、出行困难，现有服务覆盖不足。'.repeat(3),
    objectives: '为辖区内老人和困难家庭提供每周五天的上门服务。',
    activities: '一、需求调研；二、志愿者招募与培训；三、每周五天上门服务；四、季度回访与评估。'.repeat(2),
    expectedOutcomes: '服务对象生活质量改善，满意度不低于九成。',
    teamCapacity: '团队有五年社区服务经验，专职社工三名，志愿者四十余名。',
    requestedAmount: requestedAmountFen,
    budgetDetail: [{ id: `file-budget-${index}`, fileName: '预算明细.xlsx' }],
    registrationCertificate: [{ id: `file-cert-${index}`, fileName: '备案证明.pdf' }],
  };
}
