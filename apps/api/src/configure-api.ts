import { RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@grantflow/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ProblemFilter } from './common/problem.filter';
import { createValidationPipe } from './common/validation';

// JSON bodies of this API are forms and decisions; anything larger is a mistake or an attack.
const BODY_LIMIT = '1mb';

/** Builds the OpenAPI 3 document from the controllers and DTOs. */
export function buildOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Grantflow API')
    .setDescription(
      '公益创投与政府购买服务案件管理 · Case management for grant programs and service procurement',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Every route under /api except the health probes, which orchestrators expect at the root. */
export function useApiPrefix(app: NestExpressApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/*path', method: RequestMethod.GET },
    ],
  });
}

function webRoot(): string | undefined {
  // This file runs from <root>/apps/api/src in tests and from <root>/dist/apps/api/src once built.
  const parent = resolve(__dirname, '../../..');
  const root = basename(parent) === 'dist' ? resolve(parent, '..') : parent;
  // `npm run build` writes the web app there; without a build the API serves only itself.
  const candidate = resolve(root, 'dist/web');
  return existsSync(resolve(candidate, 'index.html')) ? candidate : undefined;
}

/**
 * Serves the web app: its hashed assets with a long cache, and index.html for every other page path so
 * the browser's router can open deep links (/reviewer/applications/…). /api and /health stay the API's, and
 * a missing file (a path with an extension) gets the API's 404 rather than the app.
 */
function serveWebApp(app: NestExpressApplication, root: string): void {
  app.useStaticAssets(root, {
    index: false,
    setHeaders(response, path) {
      if (path.includes(`${sep}assets${sep}`))
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const indexHtml = resolve(root, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !/^\/(api|health)(\/|$)/.test(request.path) &&
      !/\.[a-z0-9]+$/i.test(request.path);
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
}

/** Applies everything the API needs beyond its modules; shared by `main` and the tests. */
export function configureApi(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // The API serves its own web app; other sites may call it only when listed. Tokens travel in headers, never
  // in cookies, so no credentials mode is needed.
  const corsOrigins = app.get(ConfigService<Environment, true>).get('CORS_ORIGINS', { infer: true });
  if (corsOrigins) app.enableCors({ origin: corsOrigins.split(','), maxAge: 600 });
  useApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });

  const web = webRoot();
  if (web) serveWebApp(app, web);
  return app;
}
