// JSON Schema (2020-12) of a rule file and of a pack's terms file. Strict: unknown fields are errors.

const stringOrList = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  ],
};
const enumOrList = (values: string[]) => ({
  oneOf: [
    { enum: values },
    { type: 'array', items: { enum: values }, minItems: 1 },
  ],
});

export const CONDITION_KEYS = [
  'all', 'any', 'not', 'near', 'within', 'ordered', 'phrase', 'term', 'regex', 'duration',
  'modality', 'party', 'negated', 'exception', 'heading', 'kind', 'document', 'use',
] as const;

/** A rule case: a sentence, or an object with its text, the status it gets and `extra` assertions. */
function ruleCase<E extends object>(extra: E) {
  return {
    oneOf: [
      { type: 'string', minLength: 1 },
      {
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: { text: { type: 'string', minLength: 1 }, status: { enum: ['met', 'partial', 'missing', 'conflict'] }, ...extra },
      },
    ],
  } as const;
}

export const RULE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://clausecheck.dev/schemas/rule.schema.json',
  title: 'clausecheck rule',
  type: 'object',
  additionalProperties: false,
  required: ['requirement', 'proves', 'title', 'match', 'tests'],
  properties: {
    requirement: { type: 'string', pattern: '^(AD|DR|EC)-[A-Z]+(-[A-Z]+)*$' },
    proves: { enum: ['met', 'partial', 'conflict'] },
    title: { type: 'string', minLength: 3 },
    description: { type: 'string' },
    scope: { enum: ['sentence', 'clause', 'section', 'document'] },
    'carve-out': { type: 'boolean' },
    'softens-conflict': { type: 'boolean' },
    extract: { enum: ['duration'] },
    include: { type: 'array', items: { enum: ['definition', 'heading', 'toc', 'recital'] } },
    engine: { type: 'integer', minimum: 1 },
    references: { type: 'array', items: { type: 'string' } },
    match: { $ref: '#/$defs/cond' },
    tests: {
      type: 'object',
      additionalProperties: false,
      required: ['invalid', 'valid'],
      properties: {
        invalid: { type: 'array', items: { $ref: '#/$defs/invalidCase' }, minItems: 1 },
        valid: { type: 'array', items: { $ref: '#/$defs/validCase' }, minItems: 1 },
        'todo-invalid': { type: 'array', items: { $ref: '#/$defs/invalidCase' } },
        'todo-valid': { type: 'array', items: { $ref: '#/$defs/validCase' } },
      },
    },
  },
  $defs: {
    // A case is a sentence (fires / does not fire) or an object that asserts more, like ESLint's
    // RuleTester: the status the requirement gets from all its rules, the quoted span of this
    // rule's evidence and the value it extracted.
    invalidCase: ruleCase({
      quote: { type: 'string', minLength: 1 },
      value: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          amount: { type: 'number', minimum: 0 },
          unit: { enum: ['hour', 'day', 'week', 'month', 'year'] },
          days: { type: 'number', minimum: 0 },
        },
      },
    }),
    // A valid case asserts no quote or value: the rule must not fire on it.
    validCase: ruleCase({}),
    cond: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        all: { type: 'array', items: { $ref: '#/$defs/cond' }, minItems: 1 },
        any: { type: 'array', items: { $ref: '#/$defs/cond' }, minItems: 1 },
        not: { $ref: '#/$defs/cond' },
        near: { type: 'array', items: { $ref: '#/$defs/cond' }, minItems: 2 },
        within: { type: 'integer', minimum: 1, maximum: 200 },
        ordered: { type: 'boolean' },
        phrase: stringOrList,
        term: stringOrList,
        regex: { type: 'string', minLength: 1 },
        duration: {
          type: 'object',
          additionalProperties: false,
          properties: {
            'min-days': { type: 'number', minimum: 0 },
            'max-days': { type: 'number', minimum: 0 },
            unit: enumOrList(['hour', 'day', 'week', 'month', 'year']),
          },
        },
        modality: enumOrList(['obligation', 'permission', 'prohibition', 'none']),
        party: enumOrList(['provider', 'customer', 'either', 'unknown']),
        negated: { type: 'boolean' },
        exception: { type: 'boolean' },
        heading: { $ref: '#/$defs/cond' },
        document: { $ref: '#/$defs/cond' },
        kind: enumOrList(['clause', 'list-item', 'definition', 'heading', 'toc', 'recital']),
        // A named condition defined once under `conditions:` in a terms file.
        use: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
      },
    },
  },
} as const;

export const TERMS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://clausecheck.dev/schemas/terms.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['terms'],
  properties: {
    terms: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      // Numbers are accepted and read as words ("- 744" for EAR Part 744).
      additionalProperties: { type: 'array', items: { type: ['string', 'number'], minLength: 1 }, minItems: 1 },
    },
    // Named conditions: a condition written once and referenced by rules as { use: name }.
    conditions: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]*$' },
      additionalProperties: { $ref: '#/$defs/cond' },
    },
    // Defined terms: what a name the document defines counts as (docs/rule-language.md).
    'defined-terms': {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignore: { type: 'array', items: { type: 'string', minLength: 1 } },
        kinds: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'definition', 'words', 'counts-as'],
            properties: {
              name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
              definition: { type: 'string', minLength: 1 },
              words: { type: 'integer', minimum: 1, maximum: 200 },
              'counts-as': { type: 'array', items: { type: ['string', 'number'], minLength: 1 }, minItems: 1 },
            },
          },
        },
      },
    },
  },
  $defs: { cond: RULE_SCHEMA.$defs.cond },
} as const;
