import { type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationError, validateEnvironment, type Environment } from './environment';

/** Global, validated configuration from the process environment (12-factor; no files). */
export function configModule(): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    cache: true,
    validate: validateEnvironment,
  });
}

const REQUEST_ID_HEADER = 'x-request-id';

/** Structured JSON logs (pretty when LOG_PRETTY) with a request id on every line of a request. */
export function loggingModule(): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: ConfigService<Environment, true>) => {
      return {
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          transport: config.get('LOG_PRETTY')
            ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:standard' } }
            : undefined,
          // Reuse the caller's id (a gateway or the web app sets it) so one id follows a request end to end.
          genReqId: (request: IncomingMessage, response: ServerResponse) => {
            const incoming = request.headers[REQUEST_ID_HEADER];
            const id =
              typeof incoming === 'string' && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
            response.setHeader('X-Request-Id', id);
            return id;
          },
          // One short line per request: who asked what, the outcome and the time. Headers stay out of the
          // logs (they carry credentials and personal data).
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
          autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
        },
      };
    },
  });
}

/**
 * Validates the environment before any module is built; on a wrong or missing value prints one line
 * naming the variable and ends the process.
 */
export function environmentOrExit(): Environment {
  try {
    return validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
