// Writes the answered sample questionnaires of the sample vendors into samples/questionnaires/
// (run: npm run samples:questionnaires).
//
//   halyard-labs.xlsx        our XLSX template, filled in     (contract: samples/ai-api-services-agreement.*)
//   quillmark-ai.csv         our CSV template, filled in      (contract: samples/weak-vendor-msa.*)
//   meridian-speech.yaml     our YAML template, filled in     (contract: samples/data-processing-addendum.*)
//   kestrel-vision-caiq.xlsx a CAIQ-style sheet + caiq-style-mapping.yaml (contract: samples/software-licence-export.*)
//
// All vendor names and answers are fictitious and written for this project.
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { loadQuestionnaire } from '../src/questionnaire/bank.js';
import { stableXlsx, templateCsv, templateObject, templateXlsx, XLSX_HEADER_ROW } from '../src/questionnaire/template.js';

const OUT = new URL('../samples/questionnaires/', import.meta.url);
const bank = loadQuestionnaire();

/** [answer, comment?] per question ID. */
type Answers = Record<string, [string | number | boolean, string?]>;

const halyard: Answers = {
  'company.legal-name': ['Halyard Labs, Inc.'],
  'company.incorporation-country': ['United States (Delaware)'],
  'company.headquarters-country': ['N/A'],
  'company.parent-name': ['None'],
  'company.ultimate-owner-name': ['None', 'Venture-backed; no investor holds more than 20% or controls the board.'],
  'company.state-ownership': ['No'],
  'company.restricted-list': ['No', 'Screened quarterly against OFAC, BIS, EU and UK lists.'],
  'deployment.model': ['Vendor-hosted API'],
  'deployment.data-leaves-customer': ['Yes'],
  'deployment.regions': ['EU (Frankfurt, Dublin); United States only for accounts that select the US region'],
  'deployment.data-residency': ['Yes', 'Region chosen per account; no transfer outside it without written consent.'],
  'deployment.data-categories': ['Internal, Personal data'],
  'deployment.subprocessor-list': ['Yes - see Schedule 1 of the agreement'],
  'deployment.subprocessor-count': [2],
  'deployment.subprocessor-countries': ['Netherlands, United States'],
  'deployment.subprocessor-change-notice': ['Yes', "30 days' written notice with a right to object."],
  'data.training-on-inputs': ['No'],
  'data.training-on-outputs': ['No'],
  'data.training-consent': ['Only after the customer opts in', 'Written opt-in signed by an authorised representative.'],
  'data.training-opt-out': ['N/A'],
  'data.deidentified-use': ['No'],
  'data.human-review': ['Yes', 'Only requests flagged by automated abuse detection.'],
  'data.retention-inputs-days': [30],
  'data.retention-outputs-days': ['30 days'],
  'data.retention-logs-days': ['90 days', 'Flagged requests kept up to 90 days for abuse investigations.'],
  'data.zero-retention-option': ['Yes'],
  'data.deletion-days': ['thirty (30) days'],
  'data.deletion-certificate': ['✓'],
  'data.retention-exceptions': ['Abuse investigations (90 days after the flag); legal holds for as long as the hold requires.'],
  'data.customer-log-access': ['Yes', 'Usage console and logs API.'],
  'data.breach-notice-hours': [72],
  'data.customer-owns-outputs': ['Yes'],
  'abuse.identity-verification': ['Yes', 'Business verification before production keys are issued.'],
  'abuse.rate-limits': ['Yes'],
  'abuse.anomaly-detection': ['Yes'],
  'abuse.watermarking': ['Partial', 'Provenance metadata on image outputs only.'],
  'abuse.output-use-restriction': ['Yes'],
  'abuse.suspension': ['Yes'],
  'abuse.protection-audit-report': ['Yes', 'Annual summary of extraction and distillation controls.'],
  'export.screening-program': ['Yes'],
  'export.embargo-blocking': ['Yes'],
  'export.eccn': ['API client SDK 5D992.c; hosted service not separately classified'],
  'export.classification-on-request': ['Yes'],
  'export.foreign-person-controls': ['N/A', 'No controlled technology is delivered.'],
  'export.government-directives': ['Yes'],
  'export.end-use-restrictions': ['Yes'],
  'export.listing-notice-days': ['5 business days'],
  'certifications.soc2-type2': ['Yes'],
  'certifications.soc2-report-to-customer': ['Yes'],
  'certifications.iso27001': ['Yes'],
  'certifications.iso42001': ['Planned', 'Certification audit scheduled.'],
  'certifications.other': ['ISO/IEC 27701'],
  'incidents.security-breach': ['No'],
  'incidents.breach-count': [0],
  'incidents.distillation': ['Yes', 'We detected and blocked an extraction attempt by a trial account.'],
  'incidents.sanctions': ['No'],
  'incidents.details': ['An extraction attempt through a trial account was detected by rate anomaly alerts; the accounts were terminated and keys revoked.'],
};

// A vendor whose answers read well but which the contract contradicts.
const quillmark: Answers = {
  'company.legal-name': ['Quillmark AI Ltd.'],
  'company.incorporation-country': ['England and Wales'],
  'company.headquarters-country': ['N/A'],
  'company.parent-name': ['None'],
  'company.ultimate-owner-name': ['None'],
  'company.state-ownership': ['No'],
  'company.restricted-list': ['No'],
  'deployment.model': ['SaaS'],
  'deployment.data-leaves-customer': ['No', 'Data stays within our secure cloud.'],
  'deployment.regions': ['UK and EU'],
  'deployment.data-residency': ['Yes'],
  'deployment.data-categories': ['Internal; Personal data; Health data'],
  'deployment.subprocessor-list': ['On request'],
  'deployment.subprocessor-count': ['TBD'],
  'deployment.subprocessor-countries': [''],
  'deployment.subprocessor-change-notice': ['No'],
  'data.training-on-inputs': ['No', 'We never train on customer content.'],
  'data.training-on-outputs': ['No'],
  'data.training-consent': ['Never'],
  'data.training-opt-out': ['Yes - customers can email support to opt out'],
  'data.deidentified-use': ['No'],
  'data.human-review': ['No'],
  'data.retention-inputs-days': ['30 days'],
  'data.retention-outputs-days': ['30'],
  'data.retention-logs-days': ['1 month'],
  'data.zero-retention-option': ['No'],
  'data.deletion-days': [30],
  'data.deletion-certificate': ['Yes'],
  'data.retention-exceptions': ['None'],
  'data.customer-log-access': ['No'],
  'data.breach-notice-hours': ['We notify promptly'],
  'data.customer-owns-outputs': ['Yes'],
  'abuse.identity-verification': ['No'],
  'abuse.rate-limits': ['Yes'],
  'abuse.anomaly-detection': ['Partially'],
  'abuse.watermarking': ['No'],
  'abuse.output-use-restriction': ['Yes'],
  'abuse.suspension': ['Yes'],
  'abuse.protection-audit-report': ['No'],
  'export.screening-program': ['No'],
  'export.embargo-blocking': [''],
  'export.eccn': ['Not classified'],
  'export.classification-on-request': [''],
  'export.foreign-person-controls': ['N/A'],
  'export.government-directives': [''],
  'export.end-use-restrictions': ['No'],
  'export.listing-notice-days': [''],
  'certifications.soc2-type2': ['No', 'Cyber Essentials certified.'],
  'certifications.soc2-report-to-customer': ['Yes'],
  'certifications.iso27001': ['In progress'],
  'certifications.iso42001': ['No'],
  'certifications.other': ['Cyber Essentials'],
  'incidents.security-breach': ['No'],
  'incidents.breach-count': ['0'],
  'incidents.distillation': ['No'],
  'incidents.sanctions': ['No'],
  'incidents.details': [''],
};

const meridian: Answers = {
  'company.legal-name': ['Meridian Speech Technologies Ltd.'],
  'company.incorporation-country': ['Ireland'],
  'company.headquarters-country': ['Ireland'],
  'company.parent-name': ['Meridian Voice Holdings B.V.'],
  'company.parent-country': ['Netherlands'],
  'company.ultimate-owner-name': ['Meridian Voice Holdings B.V.'],
  'company.ultimate-owner-country': ['Netherlands'],
  'company.state-ownership': ['No'],
  'company.restricted-list': ['No'],
  'deployment.model': ['Vendor-hosted API'],
  'deployment.data-leaves-customer': ['Yes'],
  'deployment.regions': ['EU (Ireland, Sweden)'],
  'deployment.data-residency': ['Yes'],
  'deployment.data-categories': ['Personal data, Health data'],
  'deployment.subprocessor-list': ['Yes', 'Annex 3 of the DPA.'],
  'deployment.subprocessor-count': [3],
  'deployment.subprocessor-countries': ['Ireland, Sweden, Germany'],
  'deployment.subprocessor-change-notice': ['Yes', '30 days before any change.'],
  'data.training-on-inputs': ['No'],
  'data.training-on-outputs': ['No'],
  'data.training-consent': ['Never'],
  'data.training-opt-out': ['N/A'],
  'data.deidentified-use': ['No', 'Customer recordings and transcripts are never used to improve our models.'],
  'data.human-review': ['No'],
  'data.retention-inputs-days': [14],
  'data.retention-outputs-days': ['ninety (90) days'],
  'data.retention-logs-days': [14],
  'data.zero-retention-option': ['No'],
  'data.deletion-days': [30],
  'data.deletion-certificate': ['Yes'],
  'data.retention-exceptions': ['Storage required by Union or Member State law only.'],
  'data.customer-log-access': ['Yes'],
  'data.breach-notice-hours': ['48 hours'],
  'data.customer-owns-outputs': ['Yes'],
  'abuse.identity-verification': ['Yes'],
  'abuse.rate-limits': ['Yes'],
  'abuse.anomaly-detection': ['Yes'],
  'abuse.watermarking': ['N/A'],
  'abuse.output-use-restriction': ['No'],
  'abuse.suspension': ['Yes'],
  'abuse.protection-audit-report': ['No'],
  'export.screening-program': ['Yes'],
  'export.embargo-blocking': ['Yes'],
  'export.eccn': ['EAR99'],
  'export.classification-on-request': ['Yes'],
  'export.foreign-person-controls': ['N/A'],
  'export.government-directives': ['Yes'],
  'export.end-use-restrictions': ['Yes'],
  'export.listing-notice-days': [10],
  'certifications.soc2-type2': ['No'],
  'certifications.soc2-report-to-customer': ['N/A'],
  'certifications.iso27001': ['Yes', 'Certificate IE-27K-4471.'],
  'certifications.iso42001': ['No'],
  'certifications.other': ['ISO/IEC 27701'],
  'incidents.security-breach': ['No'],
  'incidents.breach-count': [0],
  'incidents.distillation': ['No'],
  'incidents.sanctions': ['No'],
};

async function filledXlsx(answers: Answers): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await templateXlsx(bank)) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Questionnaire')!;
  for (let r = XLSX_HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const id = String(ws.getCell(r, 1).value ?? '');
    const a = answers[id];
    if (!a) continue;
    if (a[0] !== '') ws.getCell(r, 5).value = a[0];
    if (a[1]) ws.getCell(r, 7).value = a[1];
  }
  return stableXlsx(wb);
}

function filledCsv(answers: Answers): string {
  const lines = templateCsv(bank).replace(/^\ufeff/, '').split('\r\n');
  const esc = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const out = lines.map((line, i) => {
    if (i === 0 || line === '') return line;
    const q = bank.questions[i - 1]!;
    const a = answers[q.id];
    if (!a) return line;
    // Columns: ID, Group, Question, Answer type, Answer, Unit, Comment, Guidance, Informs.
    const parts = splitCsvLine(line);
    parts[4] = esc(String(a[0]));
    parts[6] = esc(a[1] ?? '');
    return parts.join(',');
  });
  return '\ufeff' + out.join('\r\n');
}

/** Split one CSV line of the template into raw fields (quotes kept). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function filledYaml(answers: Answers, vendor: string): string {
  const obj = templateObject(bank) as { vendor: string | null; answers: Array<Record<string, unknown>> };
  obj.vendor = vendor;
  for (const a of obj.answers) {
    const v = answers[String(a.id)];
    if (!v) continue;
    a.answer = v[0] === '' ? null : v[0];
    if (v[1]) a.comment = v[1];
  }
  return `# Answers of ${vendor} to the ${bank.title} (fictitious sample).\n` + stringify(obj, { lineWidth: 0 });
}

/** A CAIQ-style sheet: its own IDs, Answer and Implementation Description columns, domain rows, title rows. */
async function caiqXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2025-01-01T00:00:00Z');
  wb.modified = wb.created;
  const info = wb.addWorksheet('Instructions');
  info.getCell('A1').value = 'Cloud and AI security self-assessment (CAIQ-style, abridged)';
  info.getCell('A3').value = 'Answer Yes, No or NA for each question and describe the implementation.';
  const ws = wb.addWorksheet('Self-Assessment', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = [{ width: 14 }, { width: 70 }, { width: 10 }, { width: 16 }, { width: 70 }];
  ws.getCell('A1').value = 'Kestrel Vision Systems, Inc. — security self-assessment';
  ws.mergeCells('A1:E1');
  ws.getCell('A2').value = 'Version 2.1, answered for the PartSight on-premises licence';
  ws.getRow(3).values = ['Question ID', 'Question', 'Answer', 'Control Ownership', 'Implementation Description'];
  ws.getRow(3).font = { bold: true };
  const rows: Array<[string, string, string, string, string]> = [
    ['', 'Governance and Compliance', '', '', ''],
    ['GOV-01.1', 'Is the company a subsidiary of another company?', 'No', 'Vendor', 'Kestrel Vision Systems, Inc. is privately held by its founders and employees.'],
    ['GOV-01.2', 'Legal name of the entity providing the service', 'Kestrel Vision Systems, Inc.', 'Vendor', ''],
    ['GOV-01.3', 'Country of incorporation', 'United States (Washington)', 'Vendor', ''],
    ['GOV-02.1', 'Is any owner of the company listed on a government restricted-party list?', 'No', 'Vendor', 'Owners screened at each financing round.'],
    ['GOV-03.1', 'Does the company maintain an information security policy approved by management?', 'Yes', 'Vendor', 'Reviewed yearly.'],
    ['', 'Data Security and Privacy', '', '', ''],
    ['DSP-10.1', 'Where does the model run for this service?', 'On premises', 'Shared', 'Installed on licensee servers at its factories.'],
    ['DSP-10.2', 'Does customer data remain inside the customer environment?', 'Yes', 'Customer', 'Images never leave the licensee network.'],
    ['DSP-11.1', 'Is customer data excluded from the training of vendor models?', 'Yes', 'Vendor', 'The vendor receives no production images.'],
    ['DSP-11.2', 'How long does the vendor keep customer data?', 'NA', 'Vendor', 'Not retained: the vendor holds no customer data.'],
    ['DSP-12.1', 'Is customer data deleted within a defined period after termination?', 'Yes', 'Vendor', 'Support files sent by the licensee are deleted within fifteen (15) days of closing the ticket.'],
    ['DSP-13.1', 'Are security incidents notified to customers within a defined time?', 'Yes', 'Vendor', 'Within 72 hours of discovery.'],
    ['DSP-14.1', 'Does the company encrypt data at rest?', 'Yes', 'Vendor', 'AES-256 on all vendor systems.'],
    ['', 'Supply Chain and Export', '', '', ''],
    ['STA-20.1', 'Has the vendor classified its software for export control purposes?', 'Yes', 'Vendor', 'Software 5D992.c; model files EAR99.'],
    ['STA-20.2', 'Does the vendor screen customers against restricted-party lists?', 'Yes', 'Vendor', ''],
    ['STA-20.3', 'Does the vendor control the release of model files to foreign persons?', 'Yes', 'Vendor', 'Deemed export review before any release.'],
    ['', 'Audit and Assurance', '', '', ''],
    ['AAC-30.1', 'Does the vendor hold a SOC 2 Type II report?', 'No', 'Vendor', ''],
    ['AAC-30.2', 'Is the vendor certified to ISO/IEC 27001?', 'Compliant', 'Vendor', 'Certificate renewed in 2025.'],
    ['AAC-31.1', 'Has the vendor had a security incident affecting customer data in the past 24 months?', 'No', 'Vendor', ''],
  ];
  rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    row.values = r;
    if (r[0] === '') row.font = { bold: true };
  });
  const lists = wb.addWorksheet('Lists', { state: 'hidden' });
  lists.getCell('A1').value = 'Yes';
  lists.getCell('A2').value = 'No';
  lists.getCell('A3').value = 'NA';
  return stableXlsx(wb);
}

writeFileSync(new URL('halyard-labs.xlsx', OUT), await filledXlsx(halyard));
writeFileSync(new URL('quillmark-ai.csv', OUT), filledCsv(quillmark));
writeFileSync(new URL('meridian-speech.yaml', OUT), filledYaml(meridian, 'Meridian Speech Technologies Ltd.'));
writeFileSync(new URL('kestrel-vision-caiq.xlsx', OUT), await caiqXlsx());
process.stdout.write('wrote halyard-labs.xlsx, quillmark-ai.csv, meridian-speech.yaml, kestrel-vision-caiq.xlsx\n');
