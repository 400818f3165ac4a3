import { DataSource } from 'typeorm';
import { dataSourceOptions, verifyAuditChain } from '@grantflow/db';

/**
 * `npm run audit:verify [-- <sequence> <hash>]`: walks the audit trail's hash chain in DATABASE_URL and prints
 * the head, or the first broken link. Given the head printed by an earlier run (kept outside the database),
 * it also detects records deleted from the end. Exits 1 when the chain is broken.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const [sequence, hash] = process.argv.slice(2);
  const dataSource = new DataSource({ ...dataSourceOptions({ url }), poolSize: 1 });
  await dataSource.initialize();
  try {
    const result = await verifyAuditChain(dataSource, {
      expectedHead: sequence && hash ? { sequence, hash } : undefined,
    });
    if (result.ok) {
      console.log(
        `Audit chain intact: ${result.checked} records; head ${result.head?.sequence} ${result.head?.hash}`,
      );
    } else {
      console.log(
        `Audit chain BROKEN at record ${result.firstBroken!.sequence} (${result.firstBroken!.reason}); ` +
          `${result.checked} records before it are intact`,
      );
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
