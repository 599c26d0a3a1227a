import { describe, expect, it } from 'vitest';
import { singleQuotesAsDouble } from '../../src/segment/parties.js';

describe('single quote marks around a name read as double ones', () => {
  it('reads a straight quote opened at the start, after a space, a line break or a parenthesis', () => {
    expect(singleQuotesAsDouble("'Vendor' means Orrin Ltd.")).toBe('"Vendor" means Orrin Ltd.');
    expect(singleQuotesAsDouble("the supplier ('Vendor') and")).toBe('the supplier ("Vendor") and');
    expect(singleQuotesAsDouble("Terms\n'Buyer Data' means files.")).toBe('Terms\n"Buyer Data" means files.');
    expect(singleQuotesAsDouble('the firm (‘Client’) agrees')).toBe('the firm (“Client”) agrees');
  });

  it('leaves apostrophes and quotes around lower-case words as they are, at the same length', () => {
    for (const t of ["it's the buyer's data", "a 'small' fee", "rock'n'roll Band's 'name", "O'Neill's 'Plan'x"]) {
      expect(singleQuotesAsDouble(t)).toBe(t);
    }
    const mixed = "the Buyer's records ('Records'), don't share them";
    const out = singleQuotesAsDouble(mixed);
    expect(out).toBe("the Buyer's records (\"Records\"), don't share them");
    expect(out.length).toBe(mixed.length);
  });
});
