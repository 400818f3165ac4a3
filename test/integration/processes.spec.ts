import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Connection } from '@temporalio/client';
import { freePort, portInUse } from '../../infra/local/ports';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../infra/local/demo-users';

// These tests run the compiled programs exactly as users do; `npm test` builds them first.
const root = resolve(__dirname, '../..');
const dist = (path: string) => resolve(root, 'dist', path);

function runToExit(script: string, env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, [dist(script)], {
    env: { PATH, HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('configuration errors stop a process with one line naming the variable', () => {
  beforeAll(() => {
    if (!existsSync(dist('apps/api/src/main.js')))
      throw new Error('run `npm run build` first (npm test does)');
  });

  it('the API names a missing DATABASE_URL', () => {
    const result = runToExit('apps/api/src/main.js', { TEMPORAL_ADDRESS: '127.0.0.1:7233' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Invalid configuration: DATABASE_URL is required but not set\n');
  });

  it('the worker names a malformed TEMPORAL_ADDRESS', () => {
    const result = runToExit('apps/worker/src/main.js', {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      TEMPORAL_ADDRESS: 'temporal',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233 (got "temporal")',
    ]);
  });

  it('`npm start` names a wrong PORT before starting any server', () => {
    const result = runToExit('infra/local/start.js', { PORT: 'eighty', GRANTFLOW_DATA_DIR: tmpdir() });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Invalid configuration: PORT');
  });
});

describe('`npm start` brings the whole system up on the embedded default and down on Ctrl-C', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grantflow-start-'));
  let ports: { api: number; temporal: number; ui: number; postgres: number };

  beforeAll(async () => {
    ports = {
      api: await freePort(),
      temporal: await freePort(),
      ui: await freePort(),
      postgres: await freePort(),
    };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(): { child: ChildProcess; output: string[]; running: Promise<void> } {
    const {
      DATABASE_URL: _database,
      TEMPORAL_ADDRESS: _temporal,
      WORKFLOW_BUNDLE_PATH: _bundle,
      ...inherited
    } = process.env;
    const child = spawn(process.execPath, [dist('infra/local/start.js')], {
      env: {
        ...inherited,
        GRANTFLOW_DATA_DIR: dataDir,
        PORT: String(ports.api),
        TEMPORAL_DEV_PORT: String(ports.temporal),
        TEMPORAL_UI_PORT: String(ports.ui),
        EMBEDDED_POSTGRES_PORT: String(ports.postgres),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const running = new Promise<void>((resolveRunning, reject) => {
      const collect = (line: string) => {
        output.push(line);
        if (line.includes('Grantflow is running')) resolveRunning();
      };
      createInterface({ input: child.stdout! }).on('line', collect);
      createInterface({ input: child.stderr! }).on('line', collect);
      child.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output.join('\n')}`)));
    });
    return { child, output, running };
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const exited = new Promise<number | null>((resolveExit) =>
      child.once('exit', (code) => resolveExit(code)),
    );
    child.kill('SIGINT');
    return exited;
  }

  const api = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${ports.api}${path}`, { headers });
  /** Signs in as a demo account, as its person would, and answers the token's headers. */
  const signIn = async (email: string): Promise<Record<string, string>> => {
    const response = await fetch(`http://127.0.0.1:${ports.api}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return { Authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
  };

  async function countCases(query: string): Promise<number> {
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const { count } = await new Client({ connection }).workflow.count(query);
      return count;
    } finally {
      await connection.close();
    }
  }

  it('serves health, docs, the web page and the Temporal UI, with demo data; stops cleanly; keeps its data', async () => {
    const first = start();
    await first.running;

    const health = await api('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      details: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
    expect((await api('/api/openapi.json')).status).toBe(200);
    expect((await api('/api/docs')).status).toBe(200);
    expect(await (await api('/')).text()).toContain('Grantflow');
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    expect(first.output.join('\n')).toContain(`Temporal UI http://127.0.0.1:${ports.ui}`);
    expect(first.output.join('\n')).toMatch(/Demo data loaded: 12 organizations, 16 applications/);
    // Every demo account signs in with the README's password; the district coordinator reads the programs.
    for (const account of DEMO_ACCOUNTS) await signIn(account.email);
    expect((await api('/api/programs')).status).toBe(401);
    const district = await signIn('district@demo.grantflow.cn');
    const programs = (await (await api('/api/programs', district)).json()) as {
      id: string;
      status: string;
      templateKey: string;
    }[];
    // The company-funded project's call is closed (its calendar is done), the case waits for signatures.
    expect(programs.map((program) => program.status).sort()).toEqual([
      'finalized',
      'finalized',
      'published',
      'published',
    ]);
    // The demo purchaser's purchase of services was carried to its confirmed award.
    const purchaser = await signIn('purchaser@demo.grantflow.cn');
    const purchases = (
      (await (await api('/api/programs', purchaser)).json()) as {
        templateKey: string;
        currentStage: string;
      }[]
    ).filter((program) => program.templateKey === 'government-procurement');
    expect(purchases.map((program) => program.currentStage)).toEqual(['result-notice']);
    // The demo funder's company-funded project waits for the funder's own signature.
    const funder = await signIn('funder@demo.grantflow.cn');
    const me = (await (await api('/api/auth/me', funder)).json()) as { organizations: { id: string }[] };
    const funded = (await (
      await api(`/api/funders/${me.organizations[0].id}/applications`, funder)
    ).json()) as { stage: string; phase: string }[];
    expect(funded.map((row) => [row.stage, row.phase])).toEqual([['agreement', 'partially_signed']]);
    // The demo competition was carried through its stages: cases stand in every stage from draft to delivery.
    const competition = programs.find(
      (program) => program.status === 'finalized' && program.templateKey === 'grant-competition',
    )!;
    const stats = (await (await api(`/api/programs/${competition.id}/stats`, district)).json()) as {
      byStage: Record<string, number>;
    };
    expect(Object.keys(stats.byStage)).toEqual(
      expect.arrayContaining([
        'withdrawn',
        'ineligible',
        'eligibility-screening',
        'not_advanced',
        'agreement',
        'implementation',
      ]),
    );
    // The competition's own: the company-funded demo project waits in its agreement too.
    const signingCases = await countCases(
      `GrantflowStage='agreement' AND GrantflowProgramId='${competition.id}'`,
    );
    expect(signingCases).toBe(stats.byStage.agreement);

    expect(await stop(first.child)).toBe(0);
    expect(first.output.join('\n')).toContain('[grantflow] Stopped.');
    for (const port of Object.values(ports)) expect(await portInUse(port)).toBe(false);

    const second = start();
    await second.running;
    try {
      expect(second.output.join('\n')).toContain('Database schema is up to date');
      expect(second.output.join('\n')).not.toContain('Demo data loaded');
      // Signed in again after the restart (the token secret is kept under .data/, so old tokens still work).
      expect((await (await api('/api/programs', district)).json()) as unknown[]).toHaveLength(4);
      expect(await countCases(`GrantflowStage='agreement' AND GrantflowProgramId='${competition.id}'`)).toBe(
        signingCases,
      );
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 240_000);
});
