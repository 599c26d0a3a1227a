// Addendum as Markdown and HTML. Markdown escapes every character that starts inline markup;
// HTML goes through a Handlebars template with its normal escaping ({{x}}, never {{{x}}}).
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { type Addendum, SIGNATURE_LINES, SIGNATURES_HEADING, SIGNATURES_LEAD, listItem } from './addendum.js';
import { TEMPLATE_DIR } from './index.js';

/** Escape text for Markdown: inline markup characters, and block markers at the start of a line. */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~&$#]/g, (c) => '\\' + c)
    .replace(/^([+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

export function renderAddendumMarkdown(a: Addendum): string {
  const out: string[] = [`# ${mdText(a.title)}`, ''];
  for (const p of a.intro) out.push(mdText(p), '');
  for (const s of a.sections) {
    out.push(`## ${s.number}. ${mdText(s.heading)}`, '');
    for (const c of s.clauses) {
      c.paragraphs.forEach((para, i) => {
        if (i === 0) {
          // The number stays plain so that the clause reads as "2.1 ..." and a definition as
          // `1.1 "Term" means ...`; the caption is bold.
          const caption = c.caption ? ` **${mdText(c.caption)}.**` : '';
          out.push(`${c.number}${caption} ${mdText(para)}`, '');
        } else {
          // List items "(a) ..." stay plain paragraphs: Markdown has no lettered lists.
          out.push(mdText(para), '');
        }
      });
    }
  }
  out.push(`## ${SIGNATURES_HEADING}`, '', mdText(SIGNATURES_LEAD), '');
  for (const sig of a.signatures) {
    out.push(`**${mdText(sig.legalName)}** ("${mdText(sig.party)}")`, '');
    for (const line of SIGNATURE_LINES) out.push(`${line}: ${mdText('_'.repeat(28))}`, '');
  }
  out.push('## Schedule 1. Requirement Map', '', mdText(a.note), '');
  out.push('| Clause | Heading | Requirement | What it covers |', '|---|---|---|---|');
  for (const r of a.map) out.push(`| ${r.clause} | ${mdText(r.caption)} | ${mdText(r.id)} | ${mdText(r.title)} |`);
  out.push('');
  return out.join('\n');
}

let htmlTemplate: Handlebars.TemplateDelegate | undefined;

export function renderAddendumHtml(a: Addendum): string {
  if (!htmlTemplate) {
    const env = Handlebars.create();
    htmlTemplate = env.compile(readFileSync(`${TEMPLATE_DIR}addendum.html.hbs`, 'utf8'), { strict: true });
  }
  const view = {
    title: a.title,
    intro: a.intro,
    note: a.note,
    sections: a.sections.map((s) => ({
      number: s.number,
      heading: s.heading,
      clauses: s.clauses.map((c) => ({
        number: c.number,
        id: c.id ?? '',
        caption: c.caption ?? '',
        first: c.paragraphs[0] ?? '',
        rest: c.paragraphs.slice(1).map((p) => {
          const item = listItem(p);
          return item ? { item: true, label: `(${item.label})`, text: item.text } : { item: false, label: '', text: p };
        }),
      })),
    })),
    map: a.map,
    signaturesHeading: SIGNATURES_HEADING,
    signaturesLead: SIGNATURES_LEAD,
    signatures: a.signatures.map((sig) => ({ legalName: sig.legalName, party: sig.party, lines: [...SIGNATURE_LINES] })),
  };
  return htmlTemplate(view);
}
