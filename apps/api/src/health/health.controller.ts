import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { TemporalHealthIndicator } from './temporal.health';

// A dependency that does not answer within this time counts as down; readiness probes run every few seconds.
const DEPENDENCY_TIMEOUT_MS = 2000;

/** Liveness and readiness for operators and orchestrators. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  /** Readiness: 200 when Postgres and Temporal both answer, 503 naming the one that does not. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database and Temporal reachability' })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: DEPENDENCY_TIMEOUT_MS }),
      () => this.temporal.check('temporal', DEPENDENCY_TIMEOUT_MS),
    ]);
  }

  /** Readiness under the conventional path. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness (same as /health)' })
  ready() {
    return this.check();
  }

  /** Liveness: the process serves HTTP; dependencies are not consulted so a restart would not help them. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness' })
  live() {
    return { status: 'ok' };
  }
}
