// Validate a JSON report (an object, e.g. JSON.parse of `--format json`)
// against schemas/report.schema.json, the schema shipped in the package.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { shippedSchema, validatorFor } from '../load/schema.js';

/** schemas/, resolved from src/render/ and from dist/render/ alike. */
export const REPORT_SCHEMA_URL = new URL('../../schemas/report.schema.json', import.meta.url);

export interface ReportValidationError {
  /** JSON pointer to the offending value ("" is the whole report). */
  pointer: string;
  message: string;
}

export interface ReportValidation {
  valid: boolean;
  /** One error per pointer, in the order ajv found them. */
  errors: ReportValidationError[];
}

function compile(): ValidateFunction {
  return validatorFor(shippedSchema('report.schema.json'));
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(e: ErrorObject): ReportValidationError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${escapePointer(String(p.additionalProperty))}`, message: 'unknown property' };
    case 'required':
      return { pointer: `${e.instancePath}/${escapePointer(String(p.missingProperty))}`, message: 'is required' };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { pointer: e.instancePath, message: `must be ${JSON.stringify(p.allowedValue)}` };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword };
  }
}

export function validateReport(value: unknown): ReportValidation {
  const validate = compile();
  if (validate(value)) return { valid: true, errors: [] };
  const seen = new Set<string>();
  const errors: ReportValidationError[] = [];
  for (const e of validate.errors ?? []) {
    const d = describe(e);
    if (seen.has(d.pointer)) continue;
    seen.add(d.pointer);
    errors.push(d);
  }
  return { valid: false, errors };
}
