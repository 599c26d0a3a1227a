// Allowlist of false positives a reviewer cleared, with their note. A YAML file:
//
//   cleared:
//     - name: Orion Dynamics Ltd          # the screened name (any spelling that normalizes the same)
//       listed: Orion Dynamix LLC         # the list entry (its name or one of its aliases) ...
//       id: "SAMPLE-0007"                 # ... or its id (one of listed / id is required)
//       list: sample-csl.csv              # optional: only for this list file
//       note: Different company: ...      # required
//       reviewer: A. Reviewer             # required
//       date: "2025-03-02"                # optional
import { createHash } from 'node:crypto';
import { InputError } from '../../types.js';
import { validateInput } from '../../load/schema.js';
import { readYamlFile } from '../../load/yaml.js';
import type { ListEntry } from './lists.js';
import { normalizeName } from './normalize.js';

export interface Clearance {
  name: string;
  listed?: string;
  id?: string;
  list?: string;
  note: string;
  reviewer: string;
  date?: string;
}

export interface Allowlist {
  file: string;
  sha256: string;
  entries: Clearance[];
}

export const ALLOWLIST_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['cleared'],
  properties: {
    cleared: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'note', 'reviewer'],
        properties: {
          name: { type: 'string', minLength: 1 },
          listed: { type: 'string', minLength: 1 },
          id: { type: 'string', minLength: 1 },
          list: { type: 'string', minLength: 1 },
          note: { type: 'string', minLength: 3 },
          reviewer: { type: 'string', minLength: 1 },
          date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
} as const;

export function loadAllowlist(file: string): Allowlist {
  const src = readYamlFile(file, 'allowlist');
  const data = src.data;
  if (data === null || data === undefined) throw new InputError(file, 'allowlist is empty (expected "cleared:" with a list of entries)');
  const v = validateInput<{ cleared: Clearance[] }>(src, ALLOWLIST_SCHEMA);
  v.cleared.forEach((c, i) => {
    if (c.listed === undefined && c.id === undefined) throw src.error(`/cleared/${i}`, "an allowlist entry needs 'listed' (the list entry's name) or 'id'");
  });
  const sha256 = createHash('sha256').update(src.text).digest('hex');
  return { file, sha256, entries: v.cleared };
}

/** The clearance that covers this screened name against this list entry, if any. */
export function findClearance(allow: Allowlist | undefined, screenedNames: string[], entry: ListEntry): Clearance | undefined {
  if (!allow) return undefined;
  const screenedKeys = new Set(screenedNames.map((n) => normalizeName(n).key).filter((k) => k !== ''));
  const listedKeys = new Set([entry.name, ...entry.aliases].map((n) => normalizeName(n).key).filter((k) => k !== ''));
  return allow.entries.find((c) => {
    if (c.list && c.list !== entry.list) return false;
    if (!screenedKeys.has(normalizeName(c.name).key)) return false;
    if (c.id !== undefined) return c.id === entry.id;
    return listedKeys.has(normalizeName(c.listed ?? '').key);
  });
}
