import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Connection settings shared by the API, the worker, the migration command and the tests. */
export interface DatabaseSettings {
  url: string;
  ssl?: boolean;
  poolSize?: number;
  applicationName?: string;
}

/** TypeORM options for the application's Postgres: generated migrations, never `synchronize`. */
export function dataSourceOptions(settings: DatabaseSettings): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: settings.url,
    ssl: settings.ssl ? { rejectUnauthorized: true } : undefined,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'grantflow',
    // Stored instants are UTC; the session zone makes timestamptz text output unambiguous in logs and psql.
    extra: { options: '-c timezone=UTC' },
  };
}

/** Runs pending migrations and returns the names of those applied. */
export async function runMigrations(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(settings), poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
