import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { environmentOrExit } from '@grantflow/config';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';

async function main(): Promise<void> {
  // A wrong environment ends here with one line naming the variable, before any module starts.
  const environment = environmentOrExit();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApi(app);
  await app.listen(environment.PORT, environment.HOST);
}

void main();
