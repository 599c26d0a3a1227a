// Shared pieces of the register tests: contract texts written for these tests and a temp folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { checkFiles } from '../../src/check/index.js';
import { openRegister, recordReport } from '../../src/register/index.js';
import type { RegisterStore } from '../../src/register/types.js';
import type { Report } from '../../src/types.js';

const HEAD = 'MASTER SERVICES AGREEMENT\n\n';
const RETENTION = '2. Retention\n2.1 Provider keeps prompts for as long as it likes.\n';
/** Training allowed: DR-NO-TRAINING is a conflict. */
export const DRAFT_TRAINS = `${HEAD}1. Data Use\n1.1 Provider may use Customer Data to train and improve its machine learning models.\n\n${RETENTION}`;
/** The same training clause, another clause reworded: the training evidence is unchanged. */
export const DRAFT_TRAINS_REWORDED = `${HEAD}1. Data Use\n1.1 Provider may use Customer Data to train and improve its machine learning models.\n\n2. Retention\n2.1 Provider keeps prompts for as long as it wishes.\n\n3. Notices\n3.1 Notices are given in writing.\n`;
/** Training forbidden: DR-NO-TRAINING is met. */
export const DRAFT_NO_TRAINING = `${HEAD}1. Data Use\n1.1 Provider shall not use Customer Data to train or improve any model.\n\n${RETENTION}`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cc-register-'));
  dirs.push(d);
  return d;
}

export function writeDoc(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Check files with the default playbook and record the report. */
export async function checkAndRecord(store: RegisterStore, files: string[], vendor?: string): Promise<Report> {
  const report = await checkFiles(files);
  recordReport(store, report, vendor ? { vendor } : {});
  return report;
}

export function open(dir: string, opts: { busyTimeoutMs?: number; create?: boolean } = {}): RegisterStore {
  return openRegister(join(dir, 'register.db'), opts);
}
