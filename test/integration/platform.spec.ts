import { DataSource } from 'typeorm';
import { Connection } from '@temporalio/client';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { GRANTFLOW_SEARCH_ATTRIBUTES } from '@grantflow/contracts';
import { dataSourceOptions } from '@grantflow/db';
import { registerSearchAttributes } from '@grantflow/temporal';

describe('database schema', () => {
  it('is exactly what the entities describe once every migration has run (nothing left to generate)', async () => {
    const dataSource = new DataSource({
      ...dataSourceOptions({ url: process.env.DATABASE_URL! }),
      poolSize: 1,
    });
    await dataSource.initialize();
    try {
      expect(await dataSource.showMigrations()).toBe(false);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('search attribute registration', () => {
  it('has registered every attribute, and a second registration adds nothing', async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      await registerSearchAttributes(connection, 'default');
      expect(await registerSearchAttributes(connection, 'default')).toEqual([]);
      const { customAttributes } = await connection.operatorService.listSearchAttributes({
        namespace: 'default',
      });
      for (const attribute of GRANTFLOW_SEARCH_ATTRIBUTES)
        expect(customAttributes).toHaveProperty(attribute.name);
    } finally {
      await connection.close();
    }
  });
});

describe('workflow lint rules', () => {
  // ESLint's flat config is an ES module, which jest's CommonJS runtime cannot load; run the real CLI.
  const lint = (code: string, filePath: string): string[] => {
    const result = spawnSync(
      resolve(__dirname, '../../node_modules/.bin/eslint'),
      ['--stdin', '--stdin-filename', filePath, '--format', 'json'],
      { cwd: resolve(__dirname, '../..'), input: code, encoding: 'utf8' },
    );
    const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null }[] }[];
    return report.messages.map((message) => message.ruleId ?? 'parse-error');
  };

  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ["import { DataSource } from 'typeorm';\nexport const x = DataSource;\n"],
    ["import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
    ["import { ApplicationEntity } from '@grantflow/db';\nexport const x = ApplicationEntity;\n"],
  ])('refuses non-deterministic or persistence imports in workflows/: %s', (code) => {
    expect(lint(code, 'workflows/example.workflow.ts')).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('allows type-only imports in workflows/ and the same imports outside it', () => {
    expect(
      lint("import type { DataSource } from 'typeorm';\nexport type X = DataSource;\n", 'workflows/x.ts'),
    ).toEqual([]);
    expect(
      lint("import { DataSource } from 'typeorm';\nexport const x = DataSource;\n", 'activities/x.ts'),
    ).toEqual([]);
  });
});
