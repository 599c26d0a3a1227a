// Hand-built reports for the renderer tests. Nothing here is produced by the
// code under test: texts, offsets, line starts and counts are written by hand
// (and the offsets are checked against the text in fixtures.test.ts).
import type { DocumentReport, Evidence, Report, RequirementResult, Severity } from '../../src/types.js';

/** The 28 catalog IDs in catalog order, with short titles and default severities. */
export const CATALOG: ReadonlyArray<readonly [string, string, Exclude<Severity, 'none'>]> = [
  ['AD-OUTPUT-USE', 'No training competing models on outputs', 'critical'],
  ['AD-EXTRACTION', 'No scraping or systematic extraction', 'high'],
  ['AD-REVERSE-ENG', 'No reverse engineering of models', 'high'],
  ['AD-ACCOUNT-INTEGRITY', 'Genuine individual accounts', 'high'],
  ['AD-RATE-LIMITS', 'Usage limits may not be circumvented', 'medium'],
  ['AD-MONITORING', 'Provider may monitor usage for abuse', 'medium'],
  ['AD-SUSPENSION', 'Suspension for misuse', 'high'],
  ['AD-WATERMARK', 'Watermarks may not be removed', 'low'],
  ['AD-AUDIT-REPORT', 'Audit reports or audit rights', 'medium'],
  ['AD-REMEDIES', 'Specific remedies for misuse', 'medium'],
  ['DR-NO-TRAINING', 'No training on customer data', 'critical'],
  ['DR-RETENTION-PERIOD', 'Bounded retention period', 'high'],
  ['DR-DELETION', 'Deletion at termination or on request', 'high'],
  ['DR-LOCATION', 'Data location', 'medium'],
  ['DR-SUBPROCESSORS', 'Subprocessors disclosed', 'medium'],
  ['DR-CONFIDENTIALITY', 'Inputs and outputs are confidential', 'high'],
  ['DR-BREACH-NOTICE', 'Breach notice within a stated time', 'high'],
  ['DR-LOG-ACCESS', 'Customer access to usage logs', 'low'],
  ['DR-RETENTION-EXCEPTIONS', 'Bounded exceptions to deletion', 'medium'],
  ['EC-COMPLIANCE', 'Export and sanctions compliance', 'high'],
  ['EC-RESTRICTED-PARTY', 'Not a restricted party', 'high'],
  ['EC-EMBARGOED', 'No embargoed destinations', 'high'],
  ['EC-FOREIGN-PERSONS', 'Foreign-person access controlled', 'medium'],
  ['EC-REEXPORT', 'No re-export in breach of export rules', 'medium'],
  ['EC-END-USE', 'No prohibited end uses', 'high'],
  ['EC-CHANGE-IN-LAW', 'Change in law with a customer remedy', 'high'],
  ['EC-CLASSIFICATION', 'Export classification on request', 'low'],
  ['EC-NOTIFICATION', 'Notice of restriction or violation', 'medium'],
];

/**
 * The extracted text of the first document (line numbers on the right):
 *   0  AI SERVICES AGREEMENT                                          1
 *  22  (empty)                                                         2
 *  23  7. Data Use                                                     3
 *  35  7.2 Provider may use Customer Data to improve its models.      4
 *  93  8. Retention                                                    5
 * 106  Provider shall delete Inputs within thirty (30) days            6
 * 159  of a request, with written certification.                       7
 * 201  <U+1F4CE, two UTF-16 units> Schedule B: Provider may retain logs indefinitely.   8
 * 255  (empty, after the final newline)                                9
 */
export const TEXT_A = [
  'AI SERVICES AGREEMENT',
  '',
  '7. Data Use',
  '7.2 Provider may use Customer Data to improve its models.',
  '8. Retention',
  'Provider shall delete Inputs within thirty (30) days',
  'of a request, with written certification.',
  '\u{1F4CE} Schedule B: Provider may retain logs indefinitely.',
  '',
].join('\n');
export const LINE_STARTS_A = [0, 22, 23, 35, 93, 106, 159, 201, 255];

export const HOSTILE_SCRIPT = '<script>window.__pwned = 1</script>';
export const HOSTILE_IMG = '<img src=x onerror="document.title=\'pwned\'">';
export const PIPE_QUOTE = 'Fees | Credits are listed in `Schedule C` and ``Annex` D``.';
export const HEADING_QUOTE = '# Provider may keep a copy of Outputs for its records.';
export const ESC_QUOTE = 'Provider may \u001b[2J\u001b[31mshare\u001b[0m Inputs with \u202eaffiliates.';
export const LONG_QUOTE =
  'Provider shall notify Customer of any Security Incident affecting Customer Data, and in any event ' +
  'within seventy-two (72) hours of learning of it, and shall give Customer the information it ' +
  'reasonably needs to meet its own notice duties.';

function ev(quote: string, page: number, section: string, start: number, rule: string, proves: Evidence['proves']): Evidence {
  return { quote, page, section, start, end: start + quote.length, rule, proves };
}

function requirements(overrides: Record<string, Partial<RequirementResult>>): RequirementResult[] {
  return CATALOG.map(([id, title, severity]) => ({
    id,
    title,
    status: 'missing' as const,
    severity,
    evidence: [],
    suggestion: `Provider shall address ${id} as follows.`,
    notes: [],
    ...overrides[id],
  }));
}

/** Document A: a plain-text contract with line starts. 1 met, 0 partial, 25 missing, 2 conflict. */
export function documentA(): DocumentReport {
  return {
    path: 'contracts/acme ai msa.txt',
    format: 'txt',
    pages: 1,
    sha256: 'a'.repeat(64),
    requirements: requirements({
      'DR-NO-TRAINING': {
        status: 'conflict',
        evidence: [ev('Provider may use Customer Data to improve its models.', 1, '7.2', 39, 'data-retention/no-training-conflict', 'conflict')],
        suggestion: 'Provider shall not use Customer Data, Inputs or Outputs to train, retrain or improve any model.',
      },
      'DR-RETENTION-PERIOD': {
        status: 'conflict',
        // Two rules found the same clause: shown once, both kept in JSON.
        evidence: [
          ev('Provider may retain logs indefinitely.', 1, '', 216, 'data-retention/retention-indefinite', 'conflict'),
          ev('Provider may retain logs indefinitely.', 1, '', 216, 'data-retention/retention-unbounded', 'conflict'),
        ],
        suggestion: 'Provider shall not retain Inputs, Outputs or logs for more than thirty (30) days.',
        notes: ['retention is unbounded'],
      },
      'DR-DELETION': {
        status: 'met',
        severity: 'none',
        evidence: [
          ev(
            'Provider shall delete Inputs within thirty (30) days\nof a request, with written certification.',
            1,
            '8',
            106,
            'data-retention/deletion-met',
            'met',
          ),
        ],
        suggestion: 'This suggestion must not be printed for a met requirement.',
      },
    }),
    warnings: [],
    lineStarts: [...LINE_STARTS_A],
    timings: { extractMs: 3, segmentMs: 2, rulesMs: 1 },
  };
}

/** Document B: a DOCX with hostile quotes, no line starts. 0 met, 3 partial, 23 missing, 2 conflict. */
export function documentB(): DocumentReport {
  return {
    path: 'vendor/terms.docx',
    format: 'docx',
    pages: 3,
    sha256: '0123456789abcdef'.repeat(4),
    requirements: requirements({
      'AD-OUTPUT-USE': {
        status: 'partial',
        severity: 'critical',
        evidence: [ev(PIPE_QUOTE, 2, '4.1', 400, 'anti-distillation/output-use-partial', 'partial')],
        suggestion: 'Customer shall not use Outputs to develop models.\nSee ```fenced``` note.',
      },
      'AD-MONITORING': {
        status: 'partial',
        evidence: [ev(HEADING_QUOTE, 2, '5', 700, 'anti-distillation/monitoring-partial', 'partial')],
      },
      'DR-CONFIDENTIALITY': {
        status: 'conflict',
        evidence: [
          ev(`Provider may disclose ${HOSTILE_SCRIPT} Inputs ${HOSTILE_IMG} to affiliates.`, 3, '9.1', 1200, 'data-retention/confidentiality-conflict', 'conflict'),
          ev('Each party shall protect the Confidential Information of the other.', 3, '9.2', 1400, 'data-retention/confidentiality-partial', 'partial'),
        ],
        suggestion: 'Inputs and Outputs are Customer\'s Confidential Information & Provider shall not disclose them.',
      },
      'DR-BREACH-NOTICE': {
        status: 'partial',
        severity: 'high',
        evidence: [ev(LONG_QUOTE, 3, '10', 2000, 'data-retention/breach-notice-partial', 'partial')],
      },
      'EC-COMPLIANCE': {
        status: 'conflict',
        severity: 'medium',
        evidence: [ev(ESC_QUOTE, 3, '', 2500, 'export-control/compliance-test', 'conflict')],
      },
      'EC-CLASSIFICATION': { status: 'missing', severity: 'none', suggestion: '' },
    }),
    warnings: ['1 page had no text layer & was skipped <b>'],
  };
}

export function makeReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'clausecheck', version: '0.1.0' },
    playbook: 'ai-buyer',
    documents: [documentA(), documentB()],
  };
}
