// The load generator of bench/reads.bench.ts, run on a worker thread so autocannon's own work does not share
// the event loop of the API it measures.
import autocannon from 'autocannon';
import { parentPort, workerData } from 'node:worker_threads';

/** What the load thread is asked to do: GET these paths in rotation on `connections` connections. */
export interface LoadJob {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
  /** Sent with every request (the bearer token of the reader). */
  headers?: Record<string, string>;
}

/** What the load thread reports about one route (latencies in ms). */
export interface LoadResult {
  p50: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  total: number;
  errors: number;
  non2xx: number;
}

// Off the main thread autocannon returns raw histograms (it takes itself for one of its own workers); its
// exported aggregateResult, missing from the type definitions, turns them into the usual result.
const aggregateResult = (
  autocannon as unknown as {
    aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result;
  }
).aggregateResult;

async function runLoad(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    headers: job.headers,
    // Every request takes the next path of the rotation, so the connections spread over the ids.
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: job.paths[next++ % job.paths.length] }),
      },
    ],
  };
  const result = aggregateResult([await autocannon(options)], options);
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    // The per-second samples are not kept off the main thread; the mean rate is the count over the time.
    requestsPerSecond: result.requests.total / result.duration,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

if (parentPort) {
  const port = parentPort;
  void runLoad(workerData as LoadJob).then((result) => port.postMessage(result));
}
