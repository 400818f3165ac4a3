import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { Environment } from '@grantflow/config';
import { prepareAllocationSolver } from '@grantflow/domain/review/allocation';
import {
  clientConnectionOptions,
  installTemporalRuntimeLogging,
  registerSearchAttributes,
  workerConnectionOptions,
  type TemporalSettings,
} from '@grantflow/temporal';
import { createGrantflowWorker } from './create-worker';
import { OutboxDispatcher, type MailTransport } from './outbox/outbox-dispatcher';
import { createSmtpTransport, smtpServerLabel } from './outbox/smtp-transport';

/** Runs the Temporal worker, and the e-mail outbox dispatcher when SMTP_URL is set, while the context lives. */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private connection?: NativeConnection;
  private clientConnection?: Connection;
  private worker?: Worker;
  private running?: Promise<void>;
  private dispatcher?: OutboxDispatcher;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly dataSource: DataSource,
  ) {}

  private temporalSettings(): TemporalSettings {
    return {
      address: this.config.get('TEMPORAL_ADDRESS'),
      namespace: this.config.get('TEMPORAL_NAMESPACE'),
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE'),
      tls: this.config.get('TEMPORAL_TLS'),
      tlsCertPath: this.config.get('TEMPORAL_TLS_CERT_PATH'),
      tlsKeyPath: this.config.get('TEMPORAL_TLS_KEY_PATH'),
      apiKey: this.config.get('TEMPORAL_API_KEY'),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.temporalSettings();
    const smtpUrl = this.config.get('SMTP_URL', { infer: true });
    // Built before anything connects: an unusable SMTP_URL stops the worker at start, not at the first e-mail.
    const smtp = smtpUrl
      ? { url: smtpUrl, transport: createSmtpTransport(smtpUrl, this.config.get('SMTP_FROM')) }
      : undefined;
    installTemporalRuntimeLogging(this.config.get('LOG_LEVEL'), ({ level, message, meta }) => {
      const line = meta && Object.keys(meta).length > 0 ? `${message} ${JSON.stringify(meta)}` : message;
      if (level === 'ERROR') this.logger.error(line);
      else if (level === 'WARN') this.logger.warn(line);
      else if (level === 'INFO') this.logger.log(line);
      else this.logger.debug(line);
    });
    this.clientConnection = await Connection.connect(clientConnectionOptions(settings));
    if (this.config.get('TEMPORAL_REGISTER_SEARCH_ATTRIBUTES')) {
      const added = await registerSearchAttributes(this.clientConnection, settings.namespace);
      if (added.length > 0) this.logger.log(`Registered search attributes: ${added.join(', ')}`);
    }
    // Before polling: the warm-up compiles the award solver (about a second of CPU) while no task waits on it,
    // so the first award allocation runs at the speed of later ones (see warmUpSolver).
    const solverStarted = performance.now();
    await prepareAllocationSolver();
    this.logger.log(`Award allocation solver ready in ${Math.round(performance.now() - solverStarted)} ms`);
    const bundlePath = this.config.get('WORKFLOW_BUNDLE_PATH', { infer: true });
    this.connection = await NativeConnection.connect(workerConnectionOptions(settings));
    this.worker = await createGrantflowWorker({
      connection: this.connection,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
      dataSource: this.dataSource,
      temporalClient: new Client({ connection: this.clientConnection, namespace: settings.namespace }),
      workflowBundleCode:
        bundlePath && existsSync(bundlePath) ? await readFile(bundlePath, 'utf8') : undefined,
      maxCachedWorkflows: this.config.get('WORKER_MAX_CACHED_WORKFLOWS'),
      maxConcurrentActivityTaskExecutions: this.config.get('WORKER_MAX_CONCURRENT_ACTIVITIES'),
      maxConcurrentWorkflowTaskExecutions: this.config.get('WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'),
    });
    this.running = this.worker.run();
    this.running.catch((error: unknown) =>
      this.logger.error(`Worker stopped with an error: ${String(error)}`),
    );
    this.logger.log(`Worker polling task queue "${settings.taskQueue}" on ${settings.address}`);
    if (smtp) this.startOutboxDispatcher(smtp.url, smtp.transport);
    else this.logger.log('E-mail delivery is off (SMTP_URL not set): e-mail stays in the outbox table');
  }

  private startOutboxDispatcher(smtpUrl: string, transport: MailTransport): void {
    const intervalMs = this.config.get('OUTBOX_INTERVAL_MS', { infer: true });
    this.dispatcher = new OutboxDispatcher({
      dataSource: this.dataSource,
      transport,
      logger: this.logger,
      intervalMs,
    });
    this.dispatcher.start();
    // The label has scheme, host and port only: the URL itself carries the password.
    this.logger.log(
      `E-mail delivery is on: sending the outbox through ${smtpServerLabel(smtpUrl)} from "${this.config.get('SMTP_FROM')}", polling every ${intervalMs} ms`,
    );
  }

  /**
   * Stops the outbox dispatcher (its batch in flight is sent and recorded) and drains the worker (in-flight
   * tasks finish, no new ones are taken), then closes the Temporal connections. Both still need the
   * database: Nest shuts global modules down last, so TypeORM's module destroys the DataSource only after
   * this returns.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    // Side by side: the dispatcher's wait is bounded by the SMTP timeouts, the worker's by its grace time.
    await Promise.all([this.dispatcher?.stop(), this.running?.catch(() => undefined)]);
    await this.connection?.close();
    await this.clientConnection?.close();
  }
}
