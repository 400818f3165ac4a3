import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

// The standards' schemas pinned in the repository (libs/open-data/schemas), so tests depend on nothing outside it.
const SCHEMAS = join(__dirname, '../../libs/open-data/schemas');
const read = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(SCHEMAS, path), 'utf8')) as Record<string, unknown>;

/** The outcome of validating a package: valid, or the schema's errors as `path: message` lines. */
export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`);

let threeSixty: ValidateFunction | undefined;
let ocds: ValidateFunction | undefined;

/**
 * Validates a 360Giving package against the pinned 1.4.3 schemas. They declare draft 2020-12 as
 * `http://json-schema.org/...`, which Ajv does not know by that name: the declaration is dropped and Ajv 2020
 * validates them. Their extra keywords (codelist, rollUp …) are annotations, hence `strict: false`.
 */
export function validate360Giving(data: unknown): SchemaCheck {
  if (!threeSixty) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const withoutDeclaration = (path: string) => {
      const { $schema: _declared, ...schema } = read(path);
      return schema;
    };
    ajv.addSchema(withoutDeclaration('360giving-1.4.3/360-giving-schema.json'));
    threeSixty = ajv.compile(withoutDeclaration('360giving-1.4.3/360-giving-package-schema.json'));
  }
  const valid = threeSixty(data);
  return { valid, errors: describe(threeSixty.errors) };
}

/** Validates an OCDS release package against the pinned 1.1 schemas (draft-04, extra keywords allowed). */
export function validateOcdsReleasePackage(data: unknown): SchemaCheck {
  if (!ocds) {
    const ajv = new AjvDraft04({ strict: false, allErrors: true });
    addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
    ajv.addSchema(read('ocds-1.1/release-schema.json'));
    ocds = ajv.compile(read('ocds-1.1/release-package-schema.json'));
  }
  const valid = ocds(data) as boolean;
  return { valid, errors: describe(ocds.errors) };
}
