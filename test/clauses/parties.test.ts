import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderClause } from '../../src/clauses/index.js';
import { contractDefines, playbookInContractTerms, readContractTerms } from '../../src/clauses/parties.js';
import { loadPlaybook } from '../../src/playbook/index.js';

const sample = (name: string) => readFileSync(new URL(`../../samples/${name}.txt`, import.meta.url), 'utf8');

describe('readContractTerms', () => {
  it('reads the parties, their legal names and the defined terms of a Vendor/Client contract', () => {
    const ct = readContractTerms(sample('weak-vendor-msa'));
    expect(ct.provider).toEqual({ name: 'Vendor', legalName: 'Quillmark AI Ltd.' });
    expect(ct.customer).toEqual({ name: 'Client', legalName: 'Parkside Dental Group LLC' });
    expect(ct.terms).toMatchObject({ agreement: 'Agreement', services: 'Services', 'customer-data': 'Client Data', input: 'Client Content', output: 'Outputs', 'authorized-user': 'Users' });
    expect(contractDefines(ct, 'Output')).toBe(true); // "Outputs" defined: singular and plural are one term
    expect(contractDefines(ct, 'Export Control Laws')).toBe(false);
  });

  it('keeps a legal name with a comma before its company form, and reads Licensor/Licensee', () => {
    expect(readContractTerms(sample('ai-api-services-agreement')).provider).toEqual({ name: 'Provider', legalName: 'Halyard Labs, Inc.' });
    const lic = readContractTerms(sample('software-licence-export'));
    expect(lic.provider).toEqual({ name: 'Licensor', legalName: 'Kestrel Vision Systems, Inc.' });
    expect(lic.customer).toEqual({ name: 'Licensee', legalName: 'Oakridge Precision Manufacturing Ltd.' });
  });

  it('takes the document\'s name for itself (this "Addendum") as the agreement term', () => {
    expect(readContractTerms(sample('data-processing-addendum')).terms.agreement).toBe('Addendum');
  });

  it('gives roles to names that are not role words by who provides what', () => {
    const ct = readContractTerms(
      'SERVICES AGREEMENT\n\nThis agreement is made between Bolt Analytics Inc., a Delaware corporation ("Bolt"), and Orchard Farms LLC ("Orchard").\n\nBolt provides a forecasting service that Orchard wants to use.\n\n1. Definitions',
    );
    expect(ct.provider).toEqual({ name: 'Bolt', legalName: 'Bolt Analytics Inc.' });
    expect(ct.customer).toEqual({ name: 'Orchard', legalName: 'Orchard Farms LLC' });
  });

  it('finds no parties in a text without a preamble', () => {
    const ct = readContractTerms('1. Definitions\n\n1.1 "Services" means the hosted service.');
    expect(ct.provider).toBeUndefined();
    expect(ct.customer).toBeUndefined();
    expect(ct.terms.services).toBe('Services');
  });
});

describe('playbookInContractTerms', () => {
  it('renders library clauses in the contract\'s names and terms', () => {
    const pb = playbookInContractTerms(loadPlaybook('ai-buyer'), readContractTerms(sample('weak-vendor-msa')));
    const c = renderClause('DR-NO-TRAINING', { playbook: pb });
    expect(c.caption).toBe('No Training on Client Data');
    expect(c.text).toMatch(/^Vendor shall not use Client Data, including Client Content and Outputs, to train/);
    expect(c.text).not.toMatch(/\b(?:Customer|Provider)\b/);
    expect(pb.params['provider-legal-name']).toBe('Quillmark AI Ltd.');
    // "{{terms.authorizedUser}}s" stays a plural: the contract's "Users" is kept singular in the playbook.
    expect(pb.params.terms['authorized-user']).toBe('User');
  });
});
