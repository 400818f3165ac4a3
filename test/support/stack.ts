import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TEST_TOKEN_SECRET } from './test-secret';

/** The API and the worker, as `npm start` runs them, against the run's Temporal server and database. */
export interface TestStack {
  api: NestExpressApplication;
  server: Server;
  worker?: INestApplicationContext;
  taskQueue: string;
  temporal: Client;
  close(): Promise<void>;
}

/**
 * Boots the real API (and, unless told otherwise, the real worker) in this process on a task queue of
 * their own, so test files never see each other's workflows. `environment` overrides variables for this
 * stack only.
 */
export async function startStack(
  options: { worker?: boolean; environment?: Record<string, string> } = {},
): Promise<TestStack> {
  const taskQueue = `test-${randomUUID()}`;
  const saved = { ...process.env };
  Object.assign(
    process.env,
    {
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: 'warn',
      ALLOW_TEST_SIZED_PROGRAMS: 'true',
      AUTH_TOKEN_SECRET: TEST_TOKEN_SECRET,
      // Suites send hundreds of requests a minute from one address; the rate-limit test sets its own limits.
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    },
    options.environment,
  );
  try {
    const worker =
      options.worker === false
        ? undefined
        : await NestFactory.createApplicationContext(WorkerModule.forRoot(), {
            logger: ['error', 'warn'],
            abortOnError: false,
          });
    await worker?.init();
    const api = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(), {
      bodyParser: false,
      logger: ['error', 'warn'],
      bufferLogs: true,
      abortOnError: false,
    });
    configureApi(api);
    await api.init();
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    const temporal = new Client({ connection, namespace: 'default' });
    return {
      api,
      server: api.getHttpServer() as Server,
      worker,
      taskQueue,
      temporal,
      async close() {
        await connection.close();
        await api.close();
        await worker?.close();
      },
    };
  } finally {
    process.env = saved;
  }
}
