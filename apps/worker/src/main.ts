import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { environmentOrExit } from '@grantflow/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  // A wrong environment ends here with one line naming the variable, before any module starts.
  environmentOrExit();
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  // SIGINT/SIGTERM close the context, which drains the worker before the process ends.
  context.enableShutdownHooks();
}

void main();
