import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Matches,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** Every setting the API and the worker read, with defaults for a developer's machine. */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL: string;

  @Transform(toBoolean)
  @IsBoolean()
  DATABASE_SSL = false;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^[^\s:/]+:\d{1,5}$/, { message: 'must be host:port, e.g. 127.0.0.1:7233' })
  TEMPORAL_ADDRESS: string;

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @MinLength(1)
  TEMPORAL_TASK_QUEUE = 'grantflow-cases';

  @Transform(toBoolean)
  @IsBoolean()
  TEMPORAL_TLS = false;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CERT_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_KEY_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_API_KEY?: string;

  // Temporal Cloud registers search attributes through its control plane, not the operator API.
  @Transform(toBoolean)
  @IsBoolean()
  TEMPORAL_REGISTER_SEARCH_ATTRIBUTES = true;

  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  TEMPORAL_UI_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY = false;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_ACTIVITIES = 100;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS = 40;

  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  // Without it e-mail stays in the outbox table; credentials go percent-encoded into the URL.
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  // One line: a line break here would start a header of its own.
  @Matches(/^[^\r\n]*@[^\r\n]*$/, {
    message: 'must be an e-mail address, optionally with a name: Grantflow <no-reply@example.org>',
  })
  SMTP_FROM = 'Grantflow <no-reply@localhost>';

  // Pause between two polls of the e-mail outbox once it is drained.
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  OUTBOX_INTERVAL_MS = 5000;

  // Signs access tokens (HS256). Every API instance needs the same value; required in production, where a
  // missing secret would otherwise be replaced by a random one per process and sign everyone out on restart.
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)' })
  AUTH_TOKEN_SECRET?: string;

  // Access tokens are short-lived so that a role taken away stops working soon; refresh tokens renew them.
  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(86_400)
  AUTH_ACCESS_TOKEN_SECONDS = 900;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  AUTH_REFRESH_TOKEN_DAYS = 14;

  // Per client address, on sign-in, registration, refresh and password resets: guessing passwords stays slow.
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RATE_LIMIT_AUTH_PER_MINUTE = 20;

  // Per signed-in user (or address), on every request that changes something.
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITES_PER_MINUTE = 600;

  // Where people open the web app; password-reset and invitation e-mails link there.
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  // Browser origins allowed to call the API from another site (comma-separated); none by default, since the
  // API serves the web app itself.
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, {
    message: 'must be comma-separated http(s) origins',
  })
  CORS_ORIGINS?: string;

  // Test-sized programs run every stage in seconds; for integration tests and demonstrations only.
  @Transform(toBoolean)
  @IsBoolean()
  ALLOW_TEST_SIZED_PROGRAMS = false;
}

/** Raised when the environment is wrong; its message is one line naming the variable. */
export class ConfigurationError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigurationError';
  }
}

// Connection URLs carry passwords: a refusal names the variable but never repeats its value.
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL', 'AUTH_TOKEN_SECRET']);

function describe(error: ValidationError, raw: Record<string, unknown>): ConfigurationError {
  const value = raw[error.property];
  if (value === undefined || value === '')
    return new ConfigurationError(error.property, 'is required but not set');
  const reasons = Object.values(error.constraints ?? {}).map((reason) =>
    // class-validator starts each reason with the property name; it is already named once.
    reason.startsWith(`${error.property} `) ? reason.slice(error.property.length + 1) : reason,
  );
  const got = SECRET_VARIABLES.has(error.property)
    ? '(the value is not shown: it may contain a password)'
    : `(got "${String(value)}")`;
  return new ConfigurationError(error.property, `${reasons.join('; ')} ${got}`);
}

/** Parses and validates raw variables; throws a ConfigurationError for the first wrong one. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const environment = plainToInstance(Environment, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) throw describe(errors[0], raw);
  if (environment.NODE_ENV === 'production' && !environment.AUTH_TOKEN_SECRET)
    throw new ConfigurationError('AUTH_TOKEN_SECRET', 'is required when NODE_ENV is production');
  if (environment.TEMPORAL_TLS_CERT_PATH && !environment.TEMPORAL_TLS_KEY_PATH)
    throw new ConfigurationError('TEMPORAL_TLS_KEY_PATH', 'is required when TEMPORAL_TLS_CERT_PATH is set');
  return environment;
}
