import { describe, expect, it } from 'vitest';
import { PAREN_ALIAS, parenAliases } from '../../src/segment/parties.js';

const all = (t: string) => [...t.matchAll(PAREN_ALIAS)].map((m) => [m.index, ...m]);
const fast = (t: string) => parenAliases(t).map((m) => [m.index, ...m]);

describe('parenAliases', () => {
  it.each([
    'This agreement is made between Quillfeather Systems Ltd. ("Supplier") and Marrow & Finch LLP (the "Client").',
    'Orbit Nine GmbH (together with its affiliates, "Orbit") licenses the Tool (as defined below) to you.',
    'Some text (a) with list labels (b) and (iii) no aliases at all, then Delta Co ("Delta" or "we").',
    'Name , , ,\n\t ("Alias") and Other Name\n\n("Second") and LOWER ("x") and (("Nested")) Tail ("Open"',
    `${'Longname'.repeat(20)} ("Far") then Short ("Near") then “Curly” ones: Kite Corp (“Kite”)`,
    'Alpha ("A") ("B") Beta (hereinafter referred to as the "Licensee") Gamma (collectively, "Parties")',
    'No parenthesis here at all.',
    '😀 Émile Ltd ("Émile") 𝐁old Inc ("Bold")',
  ])('finds what matchAll finds: %s', (t) => {
    expect(fast(t)).toEqual(all(t));
  });
});
