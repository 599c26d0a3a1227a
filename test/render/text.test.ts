import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.js';
import { renderText } from '../../src/render/text.js';
import { makeReport } from './fixtures.js';

const SGR = /\x1b\[[0-9;]*m/g;

describe('text renderer', () => {
  it('has no ANSI escape at all when colour is off (even from a quote carrying ESC)', () => {
    const out = render(makeReport(), 'text', { color: false });
    expect(out).not.toContain('\x1b');
    expect(render(makeReport(), 'text')).not.toContain('\x1b');
  });

  it('uses ANSI colour only when asked, and colour adds nothing but SGR codes', () => {
    const plain = render(makeReport(), 'text', { color: false });
    const coloured = render(makeReport(), 'text', { color: true });
    expect(coloured).toMatch(/\x1b\[32m1 met\x1b\[0m/);
    expect(coloured.replace(SGR, '')).toBe(plain);
    // The only escapes are the renderer's own SGR sequences: the quote's
    // "clear screen" (ESC[2J) and bidi override never reach the terminal.
    expect(coloured.replace(SGR, '')).not.toContain('\x1b');
    expect(plain).not.toContain('\u202e');
  });

  it('prints a header per document with path, format, pages and counts per status', () => {
    const out = renderText(makeReport());
    // A text file without page breaks gets no page count (and its evidence no page).
    expect(out).toContain('contracts/acme ai msa.txt  txt\n  1 met · 0 partial · 25 missing · 2 conflict\n');
    expect(out).toContain('vendor/terms.docx  docx · 3 pages\n  0 met · 3 partial · 23 missing · 2 conflict\n');
    expect(out).toContain('  warning: 1 page had no text layer & was skipped <b>\n');
  });

  it('prints one line per requirement with status, ID, title and severity, then evidence and suggestion', () => {
    const lines = renderText(makeReport()).split('\n');
    const i = lines.findIndex((l) => l.includes('DR-NO-TRAINING') && l.includes('conflict'));
    // IDs are padded to the widest one, DR-RETENTION-EXCEPTIONS (23): 9 spaces + 2 of separation.
    expect(lines[i]).toBe(`  ! conflict  DR-NO-TRAINING${' '.repeat(11)}No training on customer data  [critical]`);
    expect(lines[i + 1]).toBe('      §7.2  "Provider may use Customer Data to improve its models."');
    expect(lines[i + 2]).toBe(
      '      suggestion: Provider shall not use Customer Data, Inputs or Outputs to train, retrain or improve any model.',
    );
    const reqLines = lines.filter((l) => /^  [✓~✗!] /.test(l));
    // 56 requirements, less EC-CLASSIFICATION of the DOCX, which the playbook ignores (listed apart).
    expect(reqLines).toHaveLength(55);
    expect(lines).toContain('  ignored by the playbook (not counted as gaps): EC-CLASSIFICATION (missing)');
  });

  it('collapses a multi-line quote, omits the section sign when there is no section, shows notes', () => {
    const out = renderText(makeReport());
    expect(out).toContain(
      '      §8  "Provider shall delete Inputs within thirty (30) days of a request, with written certification."\n',
    );
    expect(out).toContain('      "Provider may retain logs indefinitely."\n      note: retention is unbounded\n');
    // The DOCX has page breaks (3 pages): its evidence keeps the page.
    expect(out).toMatch(/\n {6}p\.3 §9\.2 {2}"/);
  });

  it('shows evidence that several rules found once', () => {
    const out = renderText(makeReport());
    expect(out.split('"Provider may retain logs indefinitely."')).toHaveLength(2);
  });

  it('shows the first paragraph of a long suggestion and says where the rest is', () => {
    const base = makeReport();
    const doc = base.documents[0]!;
    const gap = doc.requirements.find((r) => r.status !== 'met')!;
    gap.suggestion = 'Provider shall delete Customer Data.\n\nFor the purposes of this clause:\n\n"Customer Data" means data.';
    const out = render(base, 'text', { color: false });
    expect(out).toContain('suggestion: Provider shall delete Customer Data.');
    expect(out).toContain('(+2 more paragraphs: the full clause with its definitions is in --format md or html)');
    expect(out).not.toContain('"Customer Data" means data.');
  });

  it('prints no suggestion for a met requirement and indents multi-line suggestions', () => {
    const out = renderText(makeReport());
    expect(out).not.toContain('must not be printed');
    expect(out).toContain(
      '      suggestion: Customer shall not use Outputs to develop models.\n                  See ```fenced``` note.\n',
    );
  });

  it('truncates long quotes to 160 characters with an ellipsis', () => {
    const line = renderText(makeReport())
      .split('\n')
      .find((l) => l.includes('§10'))!;
    const quote = line.slice(line.indexOf('"') + 1, -1);
    expect(quote.endsWith('…')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(160);
    expect(quote.length).toBeGreaterThan(140);
    expect(quote.startsWith('Provider shall notify Customer of any Security Incident')).toBe(true);
  });

  it('ends with a summary of documents and gaps by severity', () => {
    const out = renderText(makeReport());
    // EC-CLASSIFICATION of the DOCX (missing, severity none) is ignored by the playbook: not a gap.
    expect(out.endsWith('\n2 documents · 54 gaps: 4 critical, 24 high, 21 medium, 5 low\n')).toBe(true);
  });

  it('is byte-identical on re-run', () => {
    expect(render(makeReport(), 'text', { color: true })).toBe(render(makeReport(), 'text', { color: true }));
  });
});
