// Recover Word's automatic numbering (1., 1.1, (a), (iv)) that mammoth drops.
// Reads word/numbering.xml, word/styles.xml and each paragraph's w:numPr, and replays the list
// counters in document order: per-list counters, level start, lvlText such as "%1.%2",
// startOverride, and reset of deeper levels.
import { DOMParser, type Element } from '@xmldom/xmldom';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Level {
  start: number;
  fmt: string;
  text: string;
}

export interface DocxParagraph {
  /** Plain text of the paragraph (w:t, w:tab, w:br; deleted revisions skipped). */
  text: string;
  /** Recovered number label ("1.1", "(a)"), or '' when the paragraph is not numbered. */
  label: string;
  /** 1-based page from rendered page breaks and explicit page breaks. */
  page: number;
}

function kids(el: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === local && (n as Element).namespaceURI === W) out.push(n as Element);
  }
  return out;
}
function kid(el: Element | undefined, local: string): Element | undefined {
  return el ? kids(el, local)[0] : undefined;
}
function wval(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  return el.getAttributeNS(W, 'val') ?? el.getAttribute('w:val') ?? undefined;
}

function parse(xml: string): Element {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  return doc.documentElement as unknown as Element;
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'bullet':
      return '•';
    case 'none':
      return '';
    default:
      return String(n);
  }
}
function letters(n: number): string {
  // Word repeats the letter after z: aa, bb...
  const k = Math.max(1, n);
  return String.fromCharCode(65 + ((k - 1) % 26)).repeat(Math.floor((k - 1) / 26) + 1);
}
function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let k = Math.max(1, n);
  for (const [v, s] of table) while (k >= v) { out += s; k -= v; }
  return out;
}

export function readDocxParagraphs(documentXml: string, numberingXml?: string, stylesXml?: string): DocxParagraph[] {
  // abstractNum id -> levels
  const abstracts = new Map<string, Map<number, Level>>();
  // num id -> { abstract id, start overrides }
  const nums = new Map<string, { abs: string; overrides: Map<number, number> }>();
  if (numberingXml) {
    const root = parse(numberingXml);
    for (const a of kids(root, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of kids(a, 'lvl')) levels.set(Number(l.getAttributeNS(W, 'ilvl') ?? 0), readLevel(l));
      abstracts.set(a.getAttributeNS(W, 'abstractNumId') ?? '', levels);
    }
    for (const n of kids(root, 'num')) {
      const overrides = new Map<number, number>();
      for (const o of kids(n, 'lvlOverride')) {
        const so = wval(kid(o, 'startOverride'));
        if (so !== undefined) overrides.set(Number(o.getAttributeNS(W, 'ilvl') ?? 0), Number(so));
      }
      nums.set(n.getAttributeNS(W, 'numId') ?? '', { abs: wval(kid(n, 'abstractNumId')) ?? '', overrides });
    }
  }
  // paragraph style id -> numPr (numId, ilvl), following basedOn
  const styleNum = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  if (stylesXml) {
    const root = parse(stylesXml);
    for (const s of kids(root, 'style')) {
      const numPr = kid(kid(s, 'pPr'), 'numPr');
      const ilvl = wval(kid(numPr, 'ilvl'));
      styleNum.set(s.getAttributeNS(W, 'styleId') ?? '', {
        numId: wval(kid(numPr, 'numId')),
        ilvl: ilvl === undefined ? undefined : Number(ilvl),
        basedOn: wval(kid(s, 'basedOn')),
      });
    }
  }
  const styleNumPr = (id: string | undefined, depth = 0): { numId?: string; ilvl?: number } => {
    if (!id || depth > 10) return {};
    const s = styleNum.get(id);
    if (!s) return {};
    if (s.numId !== undefined) return s;
    return styleNumPr(s.basedOn, depth + 1);
  };

  const counters = new Map<string, number[]>(); // list key -> counter per level
  const started = new Set<string>();
  const out: DocxParagraph[] = [];
  let page = 1;
  const root = parse(documentXml);
  const paragraphs = root.getElementsByTagNameNS(W, 'p');
  // Word records where its last layout broke pages (lastRenderedPageBreak, which includes the hard
  // breaks): when present those are the pages; else the hard breaks (w:br type="page" and a
  // paragraph's pageBreakBefore) are all there is. Counting both would count a hard break twice.
  const rendered = root.getElementsByTagNameNS(W, 'lastRenderedPageBreak').length > 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs.item(i) as unknown as Element;
    const pPr = kid(p, 'pPr');
    const numPr = kid(pPr, 'numPr');
    const fromStyle = styleNumPr(wval(kid(pPr, 'pStyle')));
    const numId = wval(kid(numPr, 'numId')) ?? fromStyle.numId;
    const ilvlRaw = wval(kid(numPr, 'ilvl'));
    const ilvl = ilvlRaw !== undefined ? Number(ilvlRaw) : (fromStyle.ilvl ?? 0);
    const { text, pageBreaksBefore, pageBreaksAfter } = paragraphText(p, rendered);
    const breakBefore = kid(pPr, 'pageBreakBefore');
    const styleBreak = breakBefore !== undefined && !/^(?:0|false|off)$/.test(wval(breakBefore) ?? '');
    page += pageBreaksBefore + (!rendered && styleBreak && i > 0 ? 1 : 0);
    let label = '';
    const num = numId && numId !== '0' ? nums.get(numId) : undefined;
    const levels = num ? abstracts.get(num.abs) : undefined;
    if (num && levels) {
      // Lists that restart (startOverride) keep their own counters; others continue the abstract list.
      const key = num.overrides.size > 0 ? `num:${numId}` : `abs:${num.abs}`;
      const c = counters.get(key) ?? [];
      const startOf = (l: number) => (started.has(key) ? undefined : num.overrides.get(l)) ?? levels.get(l)?.start ?? 1;
      c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl]! + 1;
      c.length = ilvl + 1; // reset deeper levels
      counters.set(key, c);
      const lvl = levels.get(ilvl);
      if (lvl) {
        label = lvl.text.replace(/%(\d)/g, (_m, d: string) => {
          const k = Number(d) - 1;
          const value = c[k] ?? startOf(k);
          return formatNumber(value, levels.get(k)?.fmt ?? 'decimal');
        }).trim();
      }
      if (num.overrides.size > 0 && c.length === 1) started.add(key);
    }
    out.push({ text, label, page });
    page += pageBreaksAfter;
  }
  return out;
}

function readLevel(l: Element): Level {
  return {
    start: Number(wval(kid(l, 'start')) ?? 1),
    fmt: wval(kid(l, 'numFmt')) ?? 'decimal',
    text: wval(kid(l, 'lvlText')) ?? '',
  };
}

function paragraphText(p: Element, rendered: boolean): { text: string; pageBreaksBefore: number; pageBreaksAfter: number } {
  let text = '';
  let before = 0;
  let after = 0;
  const walk = (el: Element, deleted: boolean) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const e = n as Element;
      if (e.namespaceURI !== W) continue;
      const name = e.localName;
      if (name === 'del' || name === 'delText') continue;
      if (name === 'pPr' || name === 'rPr') continue;
      if (name === 't') text += e.textContent ?? '';
      else if (name === 'tab') text += '\t';
      else if (name === 'lastRenderedPageBreak') {
        if (!rendered) continue;
        if (text.trim() === '') before++;
        else after++;
      } else if (name === 'br') {
        const type = e.getAttributeNS(W, 'type');
        if (type === 'page') {
          if (rendered) continue;
          if (text.trim() === '') before++;
          else after++;
        } else text += '\n';
      } else walk(e, deleted);
    }
  };
  walk(p, false);
  return { text, pageBreaksBefore: before, pageBreaksAfter: after };
}
