// Triage decisions from the register are shown in the Markdown and HTML reports, beside the
// requirement they were made on (the text and JSON reports are tested with the register).
import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.js';
import type { Report, RequirementResult } from '../../src/types.js';
import { makeReport } from './fixtures.js';

function withDecisions(): Report {
  const report = makeReport();
  const reqs = report.documents[0]!.requirements;
  const find = (id: string): RequirementResult => reqs.find((r) => r.id === id)!;
  // A stale decision: not applied, the gap stays and says why.
  const stale = find('DR-RETENTION-PERIOD');
  stale.decision = { action: 'accept', found: stale.status, by: 'A. Reviewer', at: '2026-12-02T10:00:00Z', reason: 'agreed <b>in</b> call', stale: true };
  // An accepted gap: applied, so it no longer counts (severity none) and is listed apart.
  const accepted = find('AD-OUTPUT-USE');
  accepted.decision = { action: 'accept', found: accepted.status, by: 'B. Counsel', at: '2026-12-03T09:30:00Z', reason: 'covered by the MSA', stale: false };
  accepted.severity = 'none';
  return report;
}

describe('triage decisions in reports', () => {
  const report = withDecisions();

  it('Markdown shows a stale decision under its gap and an accepted one in the list apart', () => {
    const md = render(report, 'md');
    expect(md).toContain('- Decision: stale — review again (the cited text changed; was accepted by A. Reviewer on 2026-12-02: agreed \\<b\\>in\\</b\\> call)');
    expect(md).toMatch(/- AD-OUTPUT-USE \(missing\): [^\n]* — accepted by B\. Counsel on 2026-12-03: covered by the MSA\n/);
  });

  it('HTML shows both decisions with the reason escaped', () => {
    const html = render(report, 'html');
    expect(html).toContain('<p class="decision">accepted by B. Counsel on 2026-12-03: covered by the MSA</p>');
    expect(html).toContain('<p class="decision">stale — review again (the cited text changed; was accepted by A. Reviewer on 2026-12-02: agreed &lt;b&gt;in&lt;/b&gt; call)</p>');
    expect(html).not.toContain('agreed <b>in</b>');
  });

  it('a report without decisions has no decision line', () => {
    const plain = makeReport();
    expect(render(plain, 'md')).not.toContain('Decision:');
    expect(render(plain, 'html')).not.toContain('class="decision"');
  });
});
