import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PIPELINE_SEARCH_ATTRIBUTES, type SearchAttributeIndexType } from '../src/core/search-attributes';

const CLI_TYPE_NAMES: Record<SearchAttributeIndexType, string> = {
  KEYWORD: 'Keyword',
  DOUBLE: 'Double',
};

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const INDEXED_VALUE_TYPES: Record<SearchAttributeIndexType, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
};

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function devServerSearchAttributeFlags(): string[] {
  return PIPELINE_SEARCH_ATTRIBUTES.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${CLI_TYPE_NAMES[key.type]}`,
  ]);
}

/**
 * Registers the pipeline's custom search attributes on a server that lacks them
 * (a server started without the dev-server flags, docker compose, a fresh
 * namespace). Idempotent: attributes already present are left alone.
 *
 * @returns the names that were added
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([
    ...Object.keys(existing.customAttributes ?? {}),
    ...Object.keys(existing.systemAttributes ?? {}),
  ]);
  const missing = PIPELINE_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]])),
  });
  return missing.map((key) => key.name);
}
