/**
 * Reads a search-space file (JSON or YAML by extension) and validates it with
 * {@link parseSearchSpace}. Kept apart from `search-space.ts` so the study
 * workflow, which imports the space's types and checks, never loads `node:fs`.
 */
import { promises as fs } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { SearchSpaceError } from './errors';
import { parseSearchSpace, type SearchSpace } from './search-space';

/**
 * Parses search-space text: YAML for `.yaml`/`.yml`, otherwise JSON.
 *
 * @throws SearchSpaceError for unparseable text (with line and column) or a bad field
 */
export function parseSearchSpaceText(text: string, source: string): SearchSpace {
  const yaml = /\.ya?ml$/i.test(source);
  let document: unknown;
  try {
    // The `yaml` package (eemeli/yaml) rather than a hand-rolled reader: full YAML 1.2,
    // and its errors carry line and column.
    document = yaml ? parseYaml(text, { prettyErrors: true, uniqueKeys: true }) : JSON.parse(text);
  } catch (error) {
    throw new SearchSpaceError(
      source,
      undefined,
      `is not valid ${yaml ? 'YAML' : 'JSON'} (${(error as Error).message.split('\n')[0]})`,
    );
  }
  return parseSearchSpace(document, source);
}

/**
 * Reads and validates a search-space file.
 *
 * @throws SearchSpaceError naming the file, and the field when the content is at fault
 */
export async function loadSearchSpaceFile(file: string): Promise<SearchSpace> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new SearchSpaceError(file, undefined, `cannot be read (${(error as Error).message})`);
  }
  return parseSearchSpaceText(text, file);
}
