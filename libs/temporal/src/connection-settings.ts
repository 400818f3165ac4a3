import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';

/** Where and how to reach Temporal: a dev server, a self-hosted cluster or Temporal Cloud. */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  tlsCertPath?: string;
  tlsKeyPath?: string;
  apiKey?: string;
}

type TlsSetting = NonNullable<ConnectionOptions['tls']>;

function tlsSetting(settings: TemporalSettings): TlsSetting | undefined {
  if (settings.tlsCertPath && settings.tlsKeyPath) {
    // Self-hosted clusters and Temporal Cloud with mTLS authenticate the client by certificate.
    return {
      clientCertPair: { crt: readFileSync(settings.tlsCertPath), key: readFileSync(settings.tlsKeyPath) },
    };
  }
  // An API key (Temporal Cloud) always travels over TLS.
  return settings.tls || settings.apiKey ? true : undefined;
}

/** Options for the client connection used by the API and by activities that signal workflows. */
export function clientConnectionOptions(settings: TemporalSettings): ConnectionOptions {
  return { address: settings.address, tls: tlsSetting(settings), apiKey: settings.apiKey };
}

/** Options for the worker's native connection; same server, same credentials. */
export function workerConnectionOptions(settings: TemporalSettings): NativeConnectionOptions {
  return { address: settings.address, tls: tlsSetting(settings), apiKey: settings.apiKey };
}
