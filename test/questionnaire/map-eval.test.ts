// How well `questionnaire map` matches questions it was not tuned on. Both sets were written for this
// test, in our own words, before the similarity was run on them: set 1 (40 paraphrases of bank questions
// and 10 unrelated security questions) was measured, then the synonym list and stemmer were adjusted
// (generic changes: "how many", "who", doubled consonants); set 2 (20 + 10) was written after that and
// measured once. Figures at the default threshold 0.6 when this test was written:
//   set 1: 33 of 40 mapped to the right question before the adjustments, 36 after; 0 of 10 unrelated mapped
//   set 2: 14 of 20 right on first measure (15 after adding identity / publish words); 0 of 10 unrelated mapped
// The floors below are a little under those figures: a change to the measure that loses matches fails here.
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { indexBank, rank } from '../../src/questionnaire/map-similarity.js';

const SET1: Array<[string, string | null]> = [
  ['Where is your head office located?', 'company.headquarters-country'],
  ['Name of the immediate parent company, if any', 'company.parent-name'],
  ['Who ultimately controls or owns the business?', 'company.ultimate-owner-name'],
  ['Does any government body hold a stake of 25% or more in your firm?', 'company.state-ownership'],
  ['Will any of our content leave our own environment?', 'deployment.data-leaves-customer'],
  ['Can we require that our data is stored and processed only in a region we pick?', 'deployment.data-residency'],
  ['What kinds of data (personal, health, financial) may be sent to the service?', 'deployment.data-categories'],
  ['How many subcontractors handle our data?', 'deployment.subprocessor-count'],
  ['In which countries are your subprocessors based?', 'deployment.subprocessor-countries'],
  ['Will we be told in advance of a new subprocessor and be able to object?', 'deployment.subprocessor-change-notice'],
  ['Under what conditions can our data be used for model training (never, opt-in, opt-out)?', 'data.training-consent'],
  ['Can we opt out of having our data used for training?', 'data.training-opt-out'],
  ['Is anonymised or aggregated customer data used to improve your products?', 'data.deidentified-use'],
  ['Do your employees read our prompts or outputs for quality or safety review?', 'data.human-review'],
  ['How long are logs containing our content kept?', 'data.retention-logs-days'],
  ['Do you offer zero data retention?', 'data.zero-retention-option'],
  ['After termination, within how many days is all our data erased including backups?', 'data.deletion-days'],
  ['Will you confirm deletion in writing?', 'data.deletion-certificate'],
  ['Are there exceptions to deletion such as legal holds?', 'data.retention-exceptions'],
  ['Can we export logs of our own usage?', 'data.customer-log-access'],
  ['Who owns the outputs the service generates for us?', 'data.customer-owns-outputs'],
  ['Do you perform KYC checks before giving access?', 'abuse.identity-verification'],
  ['Do you monitor traffic for signs of model extraction?', 'abuse.anomaly-detection'],
  ['Are generated images or text watermarked?', 'abuse.watermarking'],
  ['Do your terms forbid using outputs to build a competing model?', 'abuse.output-use-restriction'],
  ['Will accounts engaged in distillation be suspended?', 'abuse.suspension'],
  ['Is there a third-party audit report on your anti-distillation controls?', 'abuse.protection-audit-report'],
  ['What is the ECCN of the software you supply?', 'export.eccn'],
  ['Will you provide export classification in writing when asked?', 'export.classification-on-request'],
  ['How do you manage deemed export risk from foreign nationals accessing model weights?', 'export.foreign-person-controls'],
  ['Can you restrict access to follow a government directive, e.g. by nationality?', 'export.government-directives'],
  ['Do your terms ban military or weapons end uses?', 'export.end-use-restrictions'],
  ['How many days until you tell us if your company is added to a sanctions list?', 'export.listing-notice-days'],
  ['Will you share your SOC 2 Type II report with us under NDA?', 'certifications.soc2-report-to-customer'],
  ['Are you ISO/IEC 42001 certified?', 'certifications.iso42001'],
  ['List any other certifications such as FedRAMP or CSA STAR', 'certifications.other'],
  ['How many data breaches did you report to customers in the last two years?', 'incidents.breach-count'],
  ['In the past 24 months were you accused of distilling another provider\'s model?', 'incidents.distillation'],
  ['Have you faced a sanctions or export control investigation in the last two years?', 'incidents.sanctions'],
  ['How will the model be deployed: your API, private cloud or on premises?', 'deployment.model'],
  ['Do you have a dedicated information security officer?', null],
  ['Are background checks performed on new hires?', null],
  ['Is customer data segregated logically from other tenants?', null],
  ['Do you carry cyber insurance, and for what amount?', null],
  ['Are firewalls reviewed at least annually?', null],
  ['Describe your secure software development lifecycle.', null],
  ['Are laptops encrypted with full-disk encryption?', null],
  ['Is there a vulnerability disclosure programme?', null],
  ['What is your uptime commitment (SLA)?', null],
  ['Do you support single sign-on with SAML?', null],
];

const SET2: Array<[string, string | null]> = [
  ['Full registered name of the legal entity signing the agreement', 'company.legal-name'],
  ['Jurisdiction of incorporation', 'company.incorporation-country'],
  ['Is the parent company incorporated in a different country? Which one?', 'company.parent-country'],
  ['Is your company or any major owner on the OFAC SDN or BIS Entity List?', 'company.restricted-list'],
  ['List the data centre locations used for storage, processing and backups', 'deployment.regions'],
  ['Do you maintain a public register of all sub-processors?', 'deployment.subprocessor-list'],
  ['Are prompts used for model training by default?', 'data.training-on-inputs'],
  ['Retention of audit or abuse-monitoring logs containing prompts (days)', 'data.retention-logs-days'],
  ['Time to delete customer data after contract end, including backups', 'data.deletion-days'],
  ['Notification period for security incidents affecting customer data (hours)', 'data.breach-notice-hours'],
  ['Do you restrict API usage through quotas per account?', 'abuse.rate-limits'],
  ['Are customer identities verified before API keys are issued?', 'abuse.identity-verification'],
  ['Do you embed provenance marks such as C2PA in outputs?', 'abuse.watermarking'],
  ['Do you block users located in countries under comprehensive embargo?', 'export.embargo-blocking'],
  ['Export control classification number of the model and software', 'export.eccn'],
  ['Do you screen users and their owners against restricted party lists?', 'export.screening-program'],
  ['Current SOC 2 Type 2 report covering the AI service?', 'certifications.soc2-type2'],
  ['ISO 27001 certificate number and issuing body', 'certifications.iso27001'],
  ['Any export control or sanctions penalties in the past 24 months?', 'incidents.sanctions'],
  ['Describe any incidents reported above, with dates and remediation steps', 'incidents.details'],
  ['Do you perform code reviews before each release?', null],
  ['What antivirus software is installed on endpoints?', null],
  ['Do you have a whistleblowing policy?', null],
  ['How are privileged accounts reviewed?', null],
  ['Is there a clean desk policy?', null],
  ['Do you use change management tickets for production changes?', null],
  ['Provide your company\'s annual revenue', null],
  ['How many employees do you have?', null],
  ['Are backups tested for restoration quarterly?', null],
  ['Is physical access to offices badge-controlled?', null],
];

const index = indexBank(loadQuestionnaire());

function measure(cases: Array<[string, string | null]>): { right: number; wrong: string[]; falsePositives: string[]; top1: number } {
  let right = 0;
  let top1 = 0;
  const wrong: string[] = [];
  const falsePositives: string[] = [];
  for (const [text, want] of cases) {
    const best = rank(index, text, 1)[0];
    const mapped = best && best.confidence >= 0.6 ? best.id : null;
    if (want !== null) {
      if (best?.id === want) top1 += 1;
      if (mapped === want) right += 1;
      else if (mapped !== null) wrong.push(`${text} -> ${mapped} (not ${want})`);
    } else if (mapped !== null) falsePositives.push(`${text} -> ${mapped}`);
  }
  return { right, wrong, falsePositives, top1 };
}

describe('questionnaire map on questions written apart from its tuning', () => {
  it('set 1: most paraphrases mapped right, no unrelated question mapped', () => {
    const m = measure(SET1);
    expect(m.right).toBeGreaterThanOrEqual(34);
    expect(m.top1).toBeGreaterThanOrEqual(37);
    expect(m.wrong.length, m.wrong.join('\n')).toBeLessThanOrEqual(2);
    expect(m.falsePositives).toEqual([]);
  });

  it('set 2: most paraphrases mapped right, no unrelated question mapped', () => {
    const m = measure(SET2);
    expect(m.right).toBeGreaterThanOrEqual(14);
    expect(m.wrong.length, m.wrong.join('\n')).toBeLessThanOrEqual(2);
    expect(m.falsePositives).toEqual([]);
  });
});
