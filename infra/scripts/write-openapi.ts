import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ApiModule } from '../../apps/api/src/api.module';
import { buildOpenApiDocument, useApiPrefix } from '../../apps/api/src/configure-api';

// Build step: writes the API's OpenAPI document so the web client is generated from the same controllers
// and DTOs the server runs. Preview mode resolves the modules without instantiating providers, so no
// database or Temporal server is needed at build time.
async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'dist/openapi.json');
  // The configuration is validated on import of the modules; nothing connects in preview mode.
  process.env.DATABASE_URL ??= 'postgres://build@127.0.0.1:1/not-connected';
  process.env.TEMPORAL_ADDRESS ??= '127.0.0.1:1';
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(), {
    preview: true,
    logger: ['error'],
    abortOnError: false,
  });
  useApiPrefix(app);
  const document = buildOpenApiDocument(app);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`OpenAPI document written to ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
