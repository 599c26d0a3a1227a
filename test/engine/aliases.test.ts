import { describe, expect, it } from 'vitest';
import { checkText, compiledRulesFor } from '../../src/check/index.js';
import { aliasHits } from '../../src/engine/aliases.js';
import { tokenizeText } from '../../src/engine/tokens.js';
import { sourceFromText } from '../../src/ingest/source.js';
import { segment } from '../../src/segment/index.js';

const status = (text: string, id: string) => checkText(text).requirements.find((r) => r.id === id)!.status;

describe('defined terms with the shipped packs', () => {
  it('reads a defined restricted-party name through its definition, even when the lists come late in it', () => {
    const defined =
      '"Listed Entity" means an entity that is (1) named in any published roster maintained by a government, including the Specially Designated Nationals list or the Entity List, or (2) owned 50 percent or more by such an entity.\n\n' +
      'Supplier represents and warrants that it is not a Listed Entity.';
    expect(status(defined, 'EC-RESTRICTED-PARTY')).not.toBe('missing');
    // The same sentence without the definition says nothing about restricted lists.
    expect(status('Supplier represents and warrants that it is not a Listed Entity.', 'EC-RESTRICTED-PARTY')).toBe('missing');
    });

  it('reads a defined destination name through its definition', () => {
    const defined =
      '"Restricted Territory" means any country or region under comprehensive sanctions, at present Cuba, Iran, Syria, North Korea and Crimea.\n\n' +
      'Customer shall not access or use the Services from any Restricted Territory.';
    const undefinedName = 'Customer shall not access or use the Services from any Restricted Territory.';
    const order = ['missing', 'partial', 'met', 'conflict'];
    expect(order.indexOf(status(defined, 'EC-EMBARGOED'))).toBeGreaterThan(order.indexOf(status(undefinedName, 'EC-EMBARGOED')));
  });

  it('reads a customer-data name whose definition lists the inputs and outputs as covering them', () => {
    const keep = 'The Provider shall keep Customer Data confidential.';
    const withIo = '"Customer Data" means all files and records that Customer uploads to the platform, including the inputs sent to and the outputs returned by hosted endpoints.\n\n' + keep;
    const withoutIo = '"Customer Data" means all files and records that Customer uploads to the platform, including backups and logs kept by the storage service.\n\n' + keep;
    expect(status(withIo, 'DR-CONFIDENTIALITY')).toBe('met');
    expect(status(withoutIo, 'DR-CONFIDENTIALITY')).toBe('partial');
  });
});

describe('defined-term forms', () => {
  const use = '\n\nWe will not use Records to train our models.';
  /** DR-NO-TRAINING of a definition followed by a no-training promise about "Records". */
  const withUse = (def: string) => status(def + use, 'DR-NO-TRAINING');
  const allMet = (defs: string[]) => {
    for (const def of defs) expect(withUse(def), def).toBe('met');
  };

  it('reads a name given by "referred to as" or "hereinafter", and one after an "As used in ..." lead-in', () => {
    allMet([
      'Hello. The messages you send to the assistant are collectively referred to as "Records".',
      'The prompts you enter, hereinafter "Records", stay yours.',
      'As used in these Terms, "Records" refers to the prompts you enter into the workspace.',
    ]);
    // without a definition the name means nothing
    expect(status(use.trim(), 'DR-NO-TRAINING')).toBe('missing');
  });

  it('reads parenthesised names after "each, a", "such files being", "referred to as", and a second name', () => {
    allMet([
      'Each prompt you enter (each, a "Record") is sent to our servers.',
      'You may enter prompts (such prompts being "Records").',
      'You may enter prompts (referred to as "Records").',
      'Anything you type into the chat (your "Chat Text" or "Records") stays yours.',
    ]);
    // a cross-reference in parentheses is no definition
    expect(withUse('You may enter prompts (see "Records") in the app.')).toBe('missing');
  });

  it('reads names in single quote marks, curly or straight', () => {
    allMet(['‘Records’ means the prompts you enter.', "The prompts you enter ('Records') stay yours.", "'Records' means the prompts you enter."]);
    // an apostrophe is no quote mark
    expect(withUse("The customer's prompts and Records' owner are named here.")).toBe('missing');
  });

  it('reads definition lists that name the term in bold or before a colon, without quote marks', () => {
    allMet([
      'Definitions\n\n1. **Records**: means the prompts you enter and the answers you receive.',
      'Definitions\n\n**Records** means the prompts you enter and the answers you receive.',
      'Definitions\n\n- Records: means the prompts you enter and the answers you receive.',
    ]);
    expect(withUse('Definitions\n\n- Records: means the invoices we send you.')).toBe('missing');
  });

  it('reads a numbered glossary line with no verb: a Title Case name, a colon, a lower-case definition', () => {
    allMet(['Definitions\n\n1.7 Records: any prompt you enter and any answer you receive.']);
    // a run-in heading followed by a sentence, or a sentence with a colon, defines nothing
    expect(withUse('3.1 Records: The prompts you enter are shown in your history.')).toBe('missing');
    expect(withUse('You may not: use Records to train anything.')).toBe('missing');
  });

  it('reads Markdown glossary lines with no verb: a bold name, then a colon or a dash', () => {
    allMet([
      'Definitions\n\n- **Records** – the prompts you enter and the answers you receive.',
      'Definitions\n\n- **Records**: the prompts you enter and the answers you receive.',
      'Definitions\n\n**Records** - the prompts you enter and the answers you receive.',
    ]);
    // a bold run-in heading ends with a full stop: no definition
    expect(withUse('**Records.** The prompts you enter are shown in your history.')).toBe('missing');
    expect(withUse('- **Records** – the invoices we send you.')).toBe('missing');
  });

  it('reads a description in plain words: what you put, paste or write into the service', () => {
    allMet([
      'You keep what you put into the workspace (collectively, "Records").',
      'Text you paste into the editor (the "Records") stays yours.',
      'Whatever users write in the chat box ("Records") belongs to them.',
    ]);
    // what the provider puts into the service is not the customer's
    expect(withUse('Templates the Provider writes for the gallery ("Records") are listed here.')).toBe('missing');
  });
});

describe('aliasHits', () => {
  it('finds the same uses by word id as by the words themselves (tokens of an older intern epoch)', () => {
    const text =
      'The Vendor keeps the prompts you send (the "Submitted Prompts") and audio the Services generate (the "Generated Audio").\n\n' +
      'Vendor shall not train on Submitted Prompts. Generated Audios belong to you, and each Generated Audio is yours. SUBMITTED prompts stay private; submitted Prompts too.';
    const seg = segment(sourceFromText('a.txt', 'txt', text, Buffer.from(text)));
    const compiled = compiledRulesFor();
    const tokens = tokenizeText(text);
    const byId = aliasHits(seg, tokens, compiled);
    const byWord = aliasHits(seg, { ...tokens, words: tokens.words, epoch: tokens.epoch - 1 }, compiled);
    expect(byId.length).toBeGreaterThan(0);
    expect(byId).toEqual(byWord);
  });
});
