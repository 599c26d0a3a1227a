// Why each requirement matters, in a sentence or two: the "why" of the SARIF rule help that code
// scanning shows beside each alert. Written for this project; keep one entry per catalog ID.
export const WHY: Readonly<Record<string, string>> = {
  'AD-OUTPUT-USE':
    'Without it, a customer may lawfully train a rival model on what the service produces (distillation), and the provider has no contractual ground to object.',
  'AD-EXTRACTION':
    'Scrapers and bulk harvesting are how model behaviour and data are copied at scale; an express ban makes such extraction a breach, not a grey area.',
  'AD-REVERSE-ENG':
    'Weights, parameters and training data are the asset itself; a ban on reverse engineering them protects it where copyright and trade-secret law are uncertain.',
  'AD-ACCOUNT-INTEGRITY':
    'Fake, shared or resold accounts defeat every per-account control (limits, monitoring, suspension) and hide who is really using the service.',
  'AD-RATE-LIMITS':
    'Usage limits cap how fast outputs can be harvested; they only bind if exceeding or circumventing them is prohibited in the contract.',
  'AD-MONITORING':
    'Abuse and extraction are detected from usage; without a right to monitor and log it, the provider may be unable to look, or to rely on what it finds.',
  'AD-SUSPENSION':
    'A right to suspend or terminate for misuse stops an ongoing extraction at once, without waiting for a court or a cure period.',
  'AD-WATERMARK':
    'Watermarks and provenance marks let outputs be traced and AI content be disclosed; stripping them defeats both.',
  'AD-AUDIT-REPORT':
    'Audit reports or audit rights are how either side checks, rather than trusts, that the abuse protections are in place and followed.',
  'AD-REMEDIES':
    'Injunctions, liquidated damages or an indemnity make misuse costly and quick to stop; general damages for model theft are hard to prove.',
  'DR-NO-TRAINING':
    "Training on customer inputs and outputs can expose confidential and personal data through the model to other customers, and may breach data-protection law; it should need the customer's opt-in.",
  'DR-RETENTION-PERIOD':
    'Prompts, outputs and logs often hold confidential or personal data; an unbounded retention keeps that risk open indefinitely and clashes with storage limitation.',
  'DR-DELETION':
    'Deletion or return at the end, with a certificate, is what lets the customer show its data left the provider (and answer regulators and data subjects).',
  'DR-LOCATION':
    'Where data is stored and where the model runs decides which laws reach the data and whether international transfer rules apply.',
  'DR-SUBPROCESSORS':
    'Data passed on to subprocessors is only as safe as their terms; disclosure, equal obligations and notice of changes keep the chain under control.',
  'DR-CONFIDENTIALITY':
    "Inputs and outputs carry the customer's business; treating them as its confidential information, and the outputs as its property, stops the provider using or disclosing them for its own ends.",
  'DR-BREACH-NOTICE':
    'Many laws give the customer a few days to report a breach; it can only do so if the provider must tell it within a stated time.',
  'DR-LOG-ACCESS':
    "Access to its own usage and query logs lets the customer investigate misuse by its users and meet its own record-keeping duties.",
  'DR-RETENTION-EXCEPTIONS':
    'Exceptions to deletion (legal holds, backups, abuse investigations) are normal, but unnamed or unbounded ones can swallow the deletion duty.',
  'EC-COMPLIANCE':
    'Export control and sanctions breaches carry penalties for both parties; a mutual duty to comply sets the baseline every other export clause builds on.',
  'EC-RESTRICTED-PARTY':
    "Dealing with a listed party, or one it owns, is prohibited outright; a representation that neither side is restricted gives a remedy if that proves false.",
  'EC-EMBARGOED':
    'Comprehensively sanctioned countries and regions are off limits for nearly any access or export; the contract should say so and forbid it.',
  'EC-FOREIGN-PERSONS':
    'Releasing controlled technology, such as model weights, to a foreign person can be an export in itself (a deemed export) and may need a licence.',
  'EC-REEXPORT':
    'Controls follow the item: a re-export, resale or onward access in breach of the rules can make the original supplier answer for it.',
  'EC-END-USE':
    'Some end uses (weapons of mass destruction, military end use, mass surveillance) are prohibited whatever the destination; naming them puts both parties on notice.',
  'EC-CHANGE-IN-LAW':
    'New export controls on AI arrive at short notice; the provider needs room to comply, and the customer a remedy (notice, refund, termination) when service stops.',
  'EC-CLASSIFICATION':
    'The export classification (ECCN) decides whether a licence is needed; the customer can only comply if the provider tells it.',
  'EC-NOTIFICATION':
    'A party that becomes restricted, or finds a violation, must tell the other promptly so that both can stop dealing or report in time.',
};

/** Rule docs (docs/rules/<pack>.md) of each requirement domain. */
export const PACK_OF_DOMAIN: Readonly<Record<string, string>> = {
  AD: 'anti-distillation',
  DR: 'data-retention',
  EC: 'export-control',
};

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
