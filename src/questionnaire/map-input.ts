// The bytes of an answered questionnaire and its format (XLSX, CSV, JSON or YAML): shared by
// readAnswers() and `questionnaire map`.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { readBounded } from '../read-file.js';
import { InputError } from '../types.js';
import { cfbError, sniff } from './bytes.js';
import type { AnswerFormat } from './types.js';

const FORMAT_BY_EXT: Record<string, AnswerFormat> = {
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

export function formatOf(file: string, buf: Uint8Array): AnswerFormat {
  const ext = extname(file).toLowerCase();
  const magic = sniff(buf);
  if (magic === 'cfb') throw cfbError(file, buf);
  if (magic === 'pdf') throw new InputError(file, 'this is a PDF; a questionnaire must be XLSX, CSV, JSON or YAML (contracts go to --contract)');
  const fmt = FORMAT_BY_EXT[ext];
  if (fmt === 'xlsx' && magic !== 'zip') throw new InputError(file, 'not an XLSX workbook (the file is not a zip archive)');
  if (fmt && fmt !== 'xlsx' && magic === 'zip') throw new InputError(file, `this is a zip archive (an XLSX workbook?), not ${fmt.toUpperCase()}; rename it to .xlsx`);
  if (fmt) return fmt;
  if (ext === '.xls') throw new InputError(file, 'old binary Excel (.xls) is not read; save it as an Excel Workbook (.xlsx) or as CSV UTF-8');
  if (magic === 'zip') return 'xlsx';
  throw new InputError(file, `unknown questionnaire format "${ext || '(no extension)'}" (expected .xlsx, .csv, .json, .yaml or .yml)`);
}

/** Read a questionnaire file (size-checked) and tell its format. */
export function readQuestionnaireFile(file: string, maxBytes = 50 * 1048576): { buf: Uint8Array; format: AnswerFormat } {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InputError(file, 'file not found');
  }
  if (st.isDirectory()) throw new InputError(file, 'is a folder; give the answered questionnaire file');
  if (st.size > maxBytes) throw new InputError(file, `file is ${Math.round(st.size / 1048576)} MB, more than the ${Math.round(maxBytes / 1048576)} MB limit`);
  if (st.size === 0) throw new InputError(file, 'file is empty');
  // Bounded as well: the file may grow after the stat.
  const buf = new Uint8Array(readBounded(file, maxBytes, 'questionnaire file'));
  return { buf, format: formatOf(file, buf) };
}
