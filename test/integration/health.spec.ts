import { Client as PgClient } from 'pg';
import request from 'supertest';
import { ensureDatabase, dropDatabase, siblingDatabaseUrl } from '../../infra/local/databases';
import { freePort } from '../../infra/local/ports';
import { startTemporalDevServer, type DevServer } from '../../infra/local/temporal-dev-server';
import { startStack, type TestStack } from '../support/stack';

describe('GET /health', () => {
  it('answers 200 with both dependencies up', async () => {
    const stack = await startStack({ worker: false });
    try {
      const response = await request(stack.server).get('/health').expect(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        details: { database: { status: 'up' }, temporal: { status: 'up' } },
      });
      await request(stack.server).get('/health/live').expect(200, { status: 'ok' });
    } finally {
      await stack.close();
    }
  });

  describe('when Temporal goes away', () => {
    let temporal: DevServer;
    let stack: TestStack;

    beforeAll(async () => {
      temporal = await startTemporalDevServer({ port: await freePort() });
      stack = await startStack({ worker: false, environment: { TEMPORAL_ADDRESS: temporal.address } });
    });
    afterAll(async () => {
      await stack?.close();
      await temporal?.stop();
    });

    it('turns readiness to 503 naming Temporal, while liveness stays 200', async () => {
      await request(stack.server).get('/health').expect(200);
      await temporal.stop();

      const response = await request(stack.server).get('/health').expect(503);
      expect(response.body.details.temporal.status).toBe('down');
      expect(response.body.details.database.status).toBe('up');
      await request(stack.server).get('/health/ready').expect(503);
      await request(stack.server).get('/health/live').expect(200);
    });
  });

  describe('when Postgres refuses connections', () => {
    const adminUrl = () => siblingDatabaseUrl(process.env.DATABASE_URL!, 'postgres');
    const databaseUrl = () =>
      siblingDatabaseUrl(
        process.env.DATABASE_URL!,
        `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_health`,
      );
    let stack: TestStack;

    beforeAll(async () => {
      await ensureDatabase(databaseUrl());
      stack = await startStack({ worker: false, environment: { DATABASE_URL: databaseUrl() } });
    });
    afterAll(async () => {
      await stack?.close();
      await dropDatabase(databaseUrl());
    });

    async function admin(sql: string): Promise<void> {
      const client = new PgClient({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    }

    it('turns readiness to 503 naming the database, and back to 200 when it returns', async () => {
      await request(stack.server).get('/health').expect(200);
      const name = new URL(databaseUrl()).pathname.slice(1);
      // A database that refuses new sessions and has lost its open ones: what a restart or failover looks like.
      await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      try {
        const response = await request(stack.server).get('/health').expect(503);
        expect(response.body.details.database.status).toBe('down');
        expect(response.body.details.temporal.status).toBe('up');
      } finally {
        await admin(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      }
      await request(stack.server).get('/health').expect(200);
    });
  });
});
