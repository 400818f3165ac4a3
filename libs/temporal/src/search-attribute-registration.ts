import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { GRANTFLOW_SEARCH_ATTRIBUTES } from '@grantflow/contracts';

const { IndexedValueType } = temporal.api.enums.v1;

const INDEXED_TYPE_BY_KIND: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

function isAlreadyExists(error: unknown): boolean {
  const code = (error as { code?: number }).code;
  // gRPC ALREADY_EXISTS: another process registered the same attribute between our list and add.
  return code === 6 || /already exists/i.test(String((error as Error).message));
}

/**
 * Registers the engine's custom search attributes on the namespace, adding only the missing ones, so
 * every API and worker process can call it at start on any server. Returns the names it added.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = GRANTFLOW_SEARCH_ATTRIBUTES.filter((attribute) => !known.has(attribute.name));
  if (missing.length === 0) return [];
  const searchAttributes = Object.fromEntries(
    missing.map((attribute) => [attribute.name, INDEXED_TYPE_BY_KIND[attribute.type]]),
  );
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  return missing.map((attribute) => attribute.name);
}
