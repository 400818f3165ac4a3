import { startEmbeddedPostgres } from './embedded-postgres';

// Runs the embedded Postgres in a process of its own, so `start` can stop it last, after the worker and
// the API have let go of it. Prints one JSON line with the URL when ready; SIGTERM stops the server (the
// embedded-postgres package shuts its clusters down on exit signals) and then this process.
async function main(): Promise<void> {
  const database = await startEmbeddedPostgres({
    dataDir: process.env.GRANTFLOW_POSTGRES_DIR ?? '.data',
    port: Number(process.env.GRANTFLOW_POSTGRES_PORT ?? 54329),
    database: process.env.GRANTFLOW_POSTGRES_DATABASE ?? 'grantflow',
    onLog: (line) => {
      if (/FATAL|PANIC|ERROR/.test(line)) process.stderr.write(`[postgres] ${line}\n`);
    },
  });
  process.stdout.write(`${JSON.stringify({ ready: true, url: database.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[postgres] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
