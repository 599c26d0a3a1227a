import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTIES, partyIndex } from '../../src/segment/modality.js';
import type { Party } from '../../src/types.js';

describe('partyIndex', () => {
  const parties: Record<string, Party> = { ...DEFAULT_PARTIES, 'lanternfly robotics': 'provider', lanternfly: 'provider' };
  const index = partyIndex(parties);
  it.each(['customer', 'end user', 'lanternfly robotics', 'lanternfly', 'nobody', 'constructor', 'end', 'each of the parties', ''])(
    'answers %j as the object does',
    (name) => {
      expect(index.get(name)).toBe(parties[name]);
    },
  );
  it('lists the first words of names of several words', () => {
    expect(index.multiFirst.has('end')).toBe(true);
    expect(index.multiFirst.has('lanternfly')).toBe(true);
    expect(index.multiFirst.has('customer')).toBe(false);
  });
});
