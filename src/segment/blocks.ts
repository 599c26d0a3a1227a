// Paragraph reconstruction and block structure: numbering path, headings, kinds
// (clause, heading, definition, table of contents, recital, list item). One job, the block tree;
// longer than 300 lines because numbering styles, headings and regions are decided paragraph by paragraph together.
import type { Block, BlockKind, Span } from '../types.js';
import { type Label, isRoman, parseLabel, romanValue, toRoman } from './labels.js';
import { splitSentences } from './sentences.js';

interface RawPara extends Span {
  /** Starts after a blank line, page break or at the start of the document. */
  afterBlank: boolean;
  /** Leading spaces of the first line (tabs count 4): nested lists are often shown only by indentation. */
  indent: number;
  /** A short line set apart in wrapped text (see `standalone` in paragraphs): a title when it reads as one. */
  standalone?: boolean;
}

const TERMINAL = /[.;:!?"”’)\]]$/;
/** A question on a line of its own, as FAQs write them: "Q: Can I delete my data?", "**Do you train on my files?**". */
const FAQ_QUESTION = /^(?:\*\*|__)?(?:Q\s*[:.]\s*)?\p{Lu}[^.!?\n]{3,160}\?(?:\*\*|__)?$/u;

/** Split text into paragraphs, rejoining hard-wrapped lines (PDF) and splitting at labels and headings. */
export function paragraphs(text: string): RawPara[] {
  const lines: Array<Span & { forced?: boolean }> = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, end });
    if (nl === -1) break;
    pos = nl + 1;
  }
  // Typical width of wrapped lines: the 90th percentile length of non-empty lines.
  const lengths = lines.map((l) => l.end - l.start).filter((n) => n > 0).sort((a, b) => a - b);
  const wide = lengths.length ? lengths[Math.floor(lengths.length * 0.9)]! : 0;
  const wrapped = wide >= 50 && wide <= 200;
  // A whole contract on one line (a text export that lost its line breaks) would be one paragraph:
  // one block, one section, every clause "near" every other. Such a line is cut into clauses.
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.end - l.start > LONG_LINE) lines.splice(i, 1, ...splitLongLine(text, l.start, l.end));
  }

  const out: RawPara[] = [];
  let cur: RawPara | undefined;
  let prevLine = '';
  // looksLikeHeading(prevLine) when known: each line's label and heading test are worked out at most once.
  let prevHeading: boolean | undefined;
  let blank = true;
  let pageBreak = false;
  const flush = () => {
    if (cur) out.push(cur);
    cur = undefined;
  };
  /** A short line of its own in wrapped text, between a finished sentence and a capitalised line: a sentence-case heading ("Do not compromise our systems"). */
  const standalone = (li: number, line: string, prev: string): boolean => {
    if (!wrapped || (prev !== '' && !TERMINAL.test(prev)) || TERMINAL.test(line) || line.length >= wide * 0.6) return false;
    if (!/^\p{Lu}/u.test(line) || line.split(/\s+/).length > 8 || /[,;]/.test(line)) return false;
    const next = li + 1 < lines.length ? text.slice(lines[li + 1]!.start, lines[li + 1]!.end).trim() : '';
    return /^\p{Lu}/u.test(next);
  };
  let afterStandalone = false;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li]!;
    const raw = text.slice(l.start, l.end);
    const line = raw.trim();
    if (raw.includes('\f') && line === '') {
      // A page break inside a sentence ("... except under a separate" / "written agreement") does not end the paragraph.
      pageBreak = true;
      continue;
    }
    if (line === '') {
      if (pageBreak) continue;
      flush();
      blank = true;
      prevLine = '';
      prevHeading = undefined;
      continue;
    }
    // parseLabel(line) (null: not yet) and looksLikeHeading(line) (undefined: not yet).
    let label: Label | undefined | null = null;
    let heading: boolean | undefined;
    if (pageBreak) {
      pageBreak = false;
      let continues = false;
      if (cur && prevLine && !TERMINAL.test(prevLine)) {
        if (/^[\p{Ll}(]/u.test(line)) continues = true;
        else {
          label = parseLabel(line);
          // a full-width line reads on from the page before even with many capitals ("... may affect" /
          // "Government Data or the AI System to the Agency Security Operations Center"); a title is short
          if (!label) continues = !(heading = headingWith(line, label)) || (wrapped && line.length >= wide * 0.75);
        }
      }
      if (!continues) {
        flush();
        blank = true;
        prevLine = '';
        prevHeading = undefined;
      }
    }
    const start = l.start + (raw.length - raw.trimStart().length);
    const end = l.start + raw.trimEnd().length;
    let breakHere = !cur || l.forced === true;
    const isStandalone = standalone(li, line, prevLine);
    if (cur && !breakHere) {
      if (label === null) label = parseLabel(line);
      if (label && !continuesSentence(prevLine, line, text.slice(cur.start, cur.end))) breakHere = true;
      // a line that opens with a lower-case word continues the line before, however title-like that
      // line looked ("4.1 Inputs and Outputs are Customer Data and Confidential Information for all" /
      // "purposes of the Agreement.")
      else if (!/^\p{Ll}/u.test(line) && (prevHeading ??= looksLikeHeading(prevLine) || numberedShortTitle(prevLine)) && !TERMINAL.test(prevLine)) breakHere = true;
      else if ((heading ??= headingWith(line, label)) && TERMINAL.test(prevLine)) breakHere = true;
      // an FAQ question ("**Q: Do you use our conversations to train Assist?**") is a line of its own, and so
      // is what precedes and follows it (PDF text loses the blank lines around it)
      else if (FAQ_QUESTION.test(line) || FAQ_QUESTION.test(prevLine)) breakHere = true;
      else if (wrapped && TERMINAL.test(prevLine) && prevLine.length < wide * 0.7 && /^[A-Z"“(]/.test(line)) breakHere = true;
      else if (!wrapped) breakHere = true; // unwrapped text: one line is one paragraph
      else if (line.startsWith('|')) breakHere = true; // a table row (a long one wraps onto lines without '|')
      else if (afterStandalone || isStandalone) breakHere = true;
    }
    afterStandalone = isStandalone;
    if (breakHere) {
      flush();
      const lead = raw.slice(0, raw.length - raw.trimStart().length).replace(/\t/g, '    ');
      cur = { start, end, afterBlank: blank, indent: lead.length, ...(isStandalone ? { standalone: true } : {}) };
    } else cur!.end = end;
    blank = false;
    prevLine = line;
    prevHeading = heading;
  }
  flush();
  return out;
}

/** A line longer than this is taken apart into clauses (splitLongLine); real paragraphs stay far below it. */
export const LONG_LINE = 4000;
/** Pieces of a long line without inline clause numbers are cut at the first sentence end past this length. */
const PIECE = 2000;
/** A piece with no sentence end at all is cut at a space past this length, so no paragraph is unbounded. */
const HARD_PIECE = 20000;

/**
 * Inline clause numbers in running text: after a sentence end (or a run of 2+ spaces, where a line
 * break was), a label such as 4. / 4.2 / (b) / Section 7 / Article IV / # followed by a capital; and
 * a sub-clause number right after a capitalised word that is not a cross-reference ("1. Definitions
 * 1.1 "Account" means", not "Section 1.1 Customer").
 */
const INLINE_LABEL =
  /(?:(?<=[.;:!?]["”’)]?)\s+|\s{2,}|(?<=\b\p{Lu}[\p{L}]+)(?<!\b(?:Sections?|Clauses?|Articles?|Paragraphs?|Schedules?|Annex(?:es)?|Exhibits?|Appendix|Appendices|Parts?|Chapters?|Attachments?|Items?|Rules?|Regulations?|Chapters?))\s+(?=\d{1,3}\.\d{1,3}\s))(?=(?:\d{1,3}(?:\.\d{1,3}){0,5}\.?|\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)|(?:Article|Section|Clause|Schedule|Annex|Exhibit)\s+(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Z])[.:]?|#{1,6})\s+["“(]?\p{Lu})/gu;
const SENTENCE_END = /[.!?;]["”’)]?\s+(?=["“(]?[\p{Lu}\d])/u;

/**
 * Spans of [start, end) cut at inline clause numbers, then (where a piece is still long) at sentence
 * ends every PIECE characters or so, and at spaces past HARD_PIECE. Each is a forced line start.
 * Linear in the line's length: each regex scans forward from where the last one stopped.
 */
export function splitLongLine(text: string, start: number, end: number): Array<Span & { forced: boolean }> {
  const cuts: number[] = [start];
  INLINE_LABEL.lastIndex = start;
  const line = text.slice(0, end);
  for (let m = INLINE_LABEL.exec(line); m; m = INLINE_LABEL.exec(line)) cuts.push(m.index + m[0].length);
  cuts.push(end);
  const out: Array<Span & { forced: boolean }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    let a = cuts[i]!;
    const b = cuts[i + 1]!;
    while (b - a > LONG_LINE) {
      // Searched in a window of its own, so a line with no sentence end is not rescanned to its end.
      const from = a + PIECE;
      const m = SENTENCE_END.exec(text.slice(from, Math.min(b, a + HARD_PIECE)));
      let cut = m ? from + m.index + m[0].length : -1;
      if (cut < 0) {
        const sp = text.slice(a + HARD_PIECE, b).indexOf(' ');
        cut = sp >= 0 && a + HARD_PIECE + sp < b - 1 ? a + HARD_PIECE + sp + 1 : b;
      }
      out.push(trimmedSpan(text, a, cut));
      a = cut;
    }
    out.push(trimmedSpan(text, a, b));
  }
  return out.filter((s) => s.end > s.start);
}

function trimmedSpan(text: string, a: number, b: number): Span & { forced: boolean } {
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return { start: a, end: b, forced: true };
}

/** "... pursuant to Section" + "5.2 of this Agreement" must not split. */
function continuesSentence(prev: string, line: string, para = ''): boolean {
  // "... if your use of the Services" / "(a) violates this Agreement, (b) poses a risk, or (c) ...": an
  // enumeration that goes on inside the same line runs in the sentence; a list puts each item on a line
  const m = /^\(([a-z]{1,4}|[0-9]{1,2})\)\s+\p{Ll}/u.exec(line);
  if (m) {
    const v = m[1]!;
    const roman = v !== 'i' && isRoman(v) ? romanValue(v) : 0;
    const step = (d: number) => (/\d/.test(v) ? String(Number(v) + d) : roman ? toRoman(roman + d) : v.length === 1 ? String.fromCharCode(v.charCodeAt(0) + d) : '');
    const next = step(1);
    const before = step(-1);
    // the paragraph so far already ran the label before inline ("...: (i) copying ...;" / "(ii) using ...")
    // (after ":", ";" or ",", opening a lower-case item: not a cross-reference such as "paragraph (a)")
    if (before !== '' && new RegExp(`[:;,]\\s+\\(${before}\\)\\s+\\p{Ll}`, 'u').test(para)) return true;
    if (next && line.includes(`(${next})`, m[0].length) && !TERMINAL.test(prev)) return true;
  }
  // "... has breached Section 3," / "Section 4.2 or the Usage Policy, ...": a cross-reference wrapped onto a new
  // line, not a section of its own (the label runs on into a lower-case word, after a line that did not end)
  if (/[,\p{Ll}]$/u.test(prev.trim()) && /^(?:section|clause|article|paragraph|schedule|annex|exhibit)s?\s+[\dA-Z][\w.()]*,?\s+\p{Ll}/iu.test(line)) return true;
  // "...other than Outputs; or" / "(g) distribute ...": a list item's own "; or" ends it
  if (/;\s*(?:and|or|and\/or)$/i.test(prev)) return false;
  if (/\b(section|sections|clause|clauses|article|paragraph|schedule|annex|exhibit|and|or|of|to|in|under|see)$/i.test(prev)) return true;
  // "... no later than seventy-two" / "(72) hours": the numeral repeating a number in words, not a list item
  return /^\(\d{1,4}\)/.test(line) && NUMBER_WORD_END.test(prev);
}

const NUMBER_WORD_END =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)$/i;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'or', 'of', 'the', 'to', 'in', 'on', 'for', 'with', 'by', 'at', 'from', 'as', 'its', 'vs', 'de', 'la', 'und']);

/** A short title-like line: "Use Restrictions", "7. DATA PROTECTION", "1. License Rights and Redistribution." */
export function looksLikeHeading(line: string): boolean {
  return headingWith(line, parseLabel(line));
}

/** looksLikeHeading, given the line's label (parseLabel of it). */
function headingWith(line: string, label: Label | undefined): boolean {
  if (label?.style === 'markdown') return true;
  if (label?.style === 'bullet') return false; // a list item, even in capitals
  if (/\b(?:or|and|OR|AND)$/.test(line.trim())) return false; // a list item running on
  // a title does not end on an article, preposition or determiner: the line runs on ("... are Confidential
  // Information of the" / "Discloser and remain its property.")
  if (/\s(?:the|a|an|of|to|for|with|by|from|as|that|which|its|their|our|your|any|all|each)$/i.test(line.trim())) return false;
  let rest = label ? line.slice(label.length) : line;
  rest = rest.trim().replace(/^(?:\*\*|__)|(?:\*\*|__)$/g, '').trim(); // **Heading**
  if (label) rest = rest.replace(/^[-\u2013\u2014:]\s*/, ''); // "SCHEDULE 1 - BUSINESS PURPOSES", "Annex 2: Security"
  // an FAQ question ("**Q: Do you use our conversations to train Assist?**") titles the answer below it:
  // a question commits no one
  if (!label && /^(?:Q\s*[:.]\s*)?[\p{Lu}][^.!?\n]{3,160}\?$/u.test(rest) && rest.split(/\s+/).length <= 24) return true;
  if (rest.length === 0 || rest.length > 90) return false;
  if (/[;,:]$/.test(rest)) return false;
  const words = rest.split(/\s+/);
  if (words.length > 12) return false;
  const endsWithDot = rest.endsWith('.');
  if (endsWithDot && (!label || words.length > 7)) return false;
  if (/[.!?]\s/.test(rest)) return false; // more than one sentence
  // a lower-case modal or verb of promise makes a sentence, however many capitals it has ("(b) The
  // Contractor shall comply with the Export Administration Regulations (15 CFR"); Title Case headings
  // capitalise theirs ("What We May Do")
  if (/\b(?:shall|must|will|may|agrees?|represents?|warrants?|undertakes?)\b/.test(rest)) return false;
  if (!/^[\p{Lu}\d"“(]/u.test(rest)) return false;
  const letters = rest.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 3 && letters === letters.toUpperCase()) return true;
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')));
  const caps = content.filter((w) => /^[\p{Lu}\d"“(]/u.test(w)).length;
  return content.length > 0 && caps / content.length >= 0.75;
}

/** "5. How Dreamfill improves": a top-level number and a short sentence-case title (PDF text puts the body on the next line). */
function numberedShortTitle(line: string): boolean {
  const label = parseLabel(line);
  return !!label && label.style === 'decimal' && label.level === 1 && isShortTitle(line.slice(label.length).trim()) &&
    !/\s(?:the|a|an|of|to|for|with|by|from|as|that|which|its|their|our|your|any|all|each|and|or)$/i.test(line.trim());
}

/** A short sentence-case line that reads as a title: a capital first, no closing punctuation, at most six words, no modal verb. */
function isShortTitle(line: string): boolean {
  return /^[\p{Lu}]/u.test(line) && !/[.;:,!?)"”]$/.test(line.trim()) && line.trim().split(/\s+/).length <= 6 &&
    !/\b(?:shall|must|will|may|not|is|are)\b/i.test(line);
}

const DEFINITION =
  /^(?:[-*•]\s*)?(?:(?:the|an?)\s+)?["“'‘][^"”'’]{1,80}["”'’](?:\s*(?:,|or|and|\/)\s*["“'‘][^"”'’]{1,80}["”'’])*\s*(?:\([^)]{0,80}\)\s*)?[:,]?\s*(?:means|shall mean|mean|has the meaning|have the meaning|refers to|shall refer to|includes|shall include|is defined|are defined|denotes|is|are)\b/i;
// A sentence that defines: it quotes a term or says what a word means.
const DEFINING = /["“”]|\b(?:means|mean|shall mean|includes|include|refers? to|has the meaning|have the meaning|is defined|are defined)\b/i;

/**
 * A paragraph that opens with a definition is a definition block, which no rule reads. When it goes on
 * with operative sentences ('"Output" means what the API returns. As between you and us, you own your
 * Outputs.'), those sentences are cut into a paragraph of their own, so they count as a clause.
 */
function splitDefinitionTails(text: string, paras: RawPara[]): RawPara[] {
  const out: RawPara[] = [];
  for (const p of paras) {
    const ptext = text.slice(p.start, p.end);
    const label = parseLabel(ptext);
    const body = label ? ptext.slice(label.length) : ptext;
    if (!DEFINITION.test(body.trim())) {
      out.push(p);
      continue;
    }
    // The tail is cut at the first sentence after the first that does not define.
    const sentences = splitSentences(text, p.start, p.end);
    let cut = -1;
    for (const sp of sentences.slice(1)) {
      if (!DEFINING.test(text.slice(sp.start, sp.end))) {
        cut = sp.start - p.start;
        break;
      }
    }
    if (cut < 0) out.push(p);
    else {
      out.push({ ...p, end: p.start + ptext.slice(0, cut).trimEnd().length });
      out.push({ start: p.start + cut, end: p.end, afterBlank: false, indent: p.indent });
    }
  }
  return out;
}

/** The end of a table-of-contents line: a dot leader, then a page number ("Definitions ...... 3"). */
const TOC_TAIL = /(?:\.{4,}|…{2,}|(?:\. ){3,})\s*$/;

/**
 * A table-of-contents line: a leader of dots, ellipses or ". . ." then a page number at the end.
 * The page number and the spaces around it are found by a scan from the end, so the regex only sees
 * the few characters of the leader's end: run over a whole paragraph it is quadratic on long leaders.
 */
export function isTocLine(s: string): boolean {
  const space = (i: number): boolean => /\s/.test(s[i - 1]!);
  let i = s.length;
  while (i > 0 && space(i)) i--;
  const digitsEnd = i;
  while (i > 0 && s.charCodeAt(i - 1) >= 0x30 && s.charCodeAt(i - 1) <= 0x39) i--;
  if (i === digitsEnd) return false;
  const digitsStart = i;
  while (i > 0 && space(i)) i--;
  // 8 characters before the spaces hold the longest leader end the regex needs (". . . ").
  return TOC_TAIL.test(s.slice(Math.max(0, i - 8), digitsStart));
}
const WHEREAS = /^(whereas|now,? therefore|recitals?\b|background\b)/i;
/** Headings of a document's own change history (the title as lower-case letters and spaces). */
const HISTORY_TITLE = /^(change ?log|revision history|version history|document history|change history|history of changes|amendment history|release notes)$/;

interface StackEntry {
  label: Label;
  style: string;
  section: string;
  indent: number;
}

/** Build blocks from text: labels, section path, depth, headings, kind, lead-in flag. */
export function buildBlocks(text: string): { blocks: Block[]; sections: Array<Span & { section: string; heading?: string }> } {
  const paras = splitDefinitionTails(text, paragraphs(text));
  const blocks: Block[] = [];
  const sections: Array<Span & { section: string; heading?: string }> = [];
  const stack: StackEntry[] = [];
  const headingStack: Array<{ depth: number; span: Span; text: string }> = [];
  let region: 'none' | 'toc' | 'recitals' | 'definitions' | 'history' = 'none';
  let seenOperative = false;

  let prevLeadIn = false;
  for (const p of paras) {
    const ptext = text.slice(p.start, p.end);
    const label = parseLabel(ptext);
    let numberedMarkdown = false;
    let innerLength = 0;
    let depth = stack.length;
    let section = stack.length ? stack[stack.length - 1]!.section : '';
    const wordLabelOnly = !!label && (label.style === 'part' || label.style === 'schedule' || label.style === 'section-word') &&
      (ptext.slice(label.length).trim() === '' || looksLikeHeading(ptext.slice(label.length).replace(/^[-–—:.\s]+/, '')));
    // Sentence-case titles ("Proofs and watermarks", "Use restrictions"): a short unpunctuated line of its
    // own that does not follow a lead-in (where it would be a list item such as "North Korea").
    const sentenceCaseTitle = !label && (p.afterBlank || p.standalone === true) && !ptext.includes('\n') && isShortTitle(ptext) && !prevLeadIn;
    // "10. Changes in the law": a top-level number with a short sentence-case title of its own line.
    const numberedSentenceCaseTitle = !!label && label.style === 'decimal' && label.level === 1 && !prevLeadIn && !ptext.includes('\n') &&
      isShortTitle(ptext.slice(label.length).trim());
    // After a lead-in ("... the following countries:") short lines are its items, not titles.
    const heading = ((looksLikeHeading(ptext.split('\n')[0]!) && !ptext.includes('\n')) || wordLabelOnly || sentenceCaseTitle || numberedSentenceCaseTitle) &&
      ptext.length < 200 && !(prevLeadIn && !label);
    const nested = label ? restartedList(stack, label, ptext, prevLeadIn) : undefined;
    if (nested) {
      depth = nested.depth;
      section = nested.section;
    } else if (label && label.style !== 'markdown') {
      const placed = place(stack, label, p.indent);
      depth = placed.depth;
      section = placed.section;
    } else if (label?.style === 'markdown') {
      stack.length = 0;
      depth = 0;
      section = '';
      // "## 29. Change in Law" is clause 29: its 29.1, 29.2 belong to it.
      const inner = parseLabel(ptext.slice(label.length));
      if (inner && (inner.style === 'decimal' || inner.style === 'part' || inner.style === 'section-word' || inner.style === 'schedule')) {
        section = place(stack, inner, 0).section;
        numberedMarkdown = true;
        innerLength = inner.length;
      }
    } else {
      // An unlabelled paragraph at or left of a bullet list's indent ends that list.
      while (stack.length && stack[stack.length - 1]!.style.startsWith('bullet') && stack[stack.length - 1]!.indent >= p.indent) stack.pop();
      depth = stack.length;
      section = stack.length ? stack[stack.length - 1]!.section : '';
    }

    // Regions: TOC, recitals, definitions.
    const bodyText = label ? ptext.slice(label.length + innerLength) : ptext;
    let kind: BlockKind = label && label.style !== 'markdown' && label.style !== 'decimal' && label.style !== 'part' &&
      label.style !== 'section-word' && label.style !== 'schedule' ? 'list-item' : 'clause';
    if (heading) {
      const title = bodyText.trim().toLowerCase().replace(/[^a-z ]/g, '').trim();
      if (/^(table of )?contents$|^index$/.test(title)) region = 'toc';
      else if (/^(recitals?|background|preamble)$/.test(title)) region = 'recitals';
      else if (/definitions|interpretation|defined terms/.test(title)) region = 'definitions';
      else if (HISTORY_TITLE.test(title)) region = 'history';
      else if (region !== 'toc' || !isTocLine(ptext)) region = 'none';
    }
    if (isTocLine(ptext)) kind = 'toc';
    else if (region === 'toc' && (heading || bodyText.split(/\s+/).length <= 12) && !/[.;]\s*$/.test(ptext)) kind = 'toc';
    else if (heading) kind = 'heading';
    else if (WHEREAS.test(bodyText.trim()) || (region === 'recitals' && !seenOperative)) kind = 'recital';
    // A change log of the document itself ("3 October 2025 | Added a commitment not to ...") describes
    // edits, it binds nobody: like a recital, it is not an operative clause.
    else if (region === 'history') kind = 'recital';
    else if (DEFINITION.test(bodyText.trim())) kind = 'definition';
    if (region === 'toc' && kind !== 'toc' && !heading) region = 'none';

    // Headings context.
    // A numbered Markdown heading ranks by its number, like "29." in plain text.
    const myHeadingDepth = label?.style === 'markdown' && !numberedMarkdown ? label.level - 1 : depth;
    if (kind === 'heading') {
      while (headingStack.length && headingStack[headingStack.length - 1]!.depth >= myHeadingDepth) headingStack.pop();
    } else if (label && label.style !== 'bullet') {
      while (headingStack.length && headingStack[headingStack.length - 1]!.depth >= depth && headingStack[headingStack.length - 1]!.depth > 0) headingStack.pop();
      // A new top-level number ("3.", "Article IV") ends the previous section's headings; "3.1" does not.
      if (depth === 0 && ((label.style === 'decimal' && label.level === 1) || label.style === 'part' || label.style === 'section-word')) headingStack.length = 0;
    }
    const headings = headingStack.map((h) => h.span);
    const headingText = headingStack.length ? headingStack[headingStack.length - 1]!.text : undefined;
    let inlineHeading: Span | undefined;
    if (kind !== 'heading') {
      const bodyStart = p.start + (label ? label.length : 0);
      const m = /^(?:\*\*|__)?([\p{Lu}][\p{L}'’\- ,&/]{1,60}?)[.:](?:\*\*|__)?\s+(?=[\p{Lu}"“(])/u.exec(text.slice(bodyStart, p.end));
      if (m && m[1]!.split(/\s+/).length <= 6 && looksLikeHeading(m[1]!)) {
        const at = bodyStart + m[0].indexOf(m[1]!);
        inlineHeading = { start: at, end: at + m[1]!.length };
      }
    }

    const isTopLevel = (kind === 'heading' && myHeadingDepth === 0) ||
      (label && depth === 0 && label.style !== 'bullet' && label.style !== 'markdown' && kind !== 'toc') ||
      (label?.style === 'markdown' && label.level <= 2);
    if (isTopLevel || sections.length === 0) {
      sections.push({ start: p.start, end: p.end, section, heading: kind === 'heading' ? bodyText.trim() : undefined });
    }
    sections[sections.length - 1]!.end = p.end;

    if (kind === 'clause' || kind === 'list-item') seenOperative = seenOperative || (!!label && label.style === 'decimal');
    const block: Block = {
      start: p.start,
      end: p.end,
      kind,
      label: label && label.style !== 'markdown' ? label.text : undefined,
      section,
      heading: inlineHeading ? text.slice(inlineHeading.start, inlineHeading.end) : headingText,
      headings: inlineHeading ? [...headings, inlineHeading] : headings,
      sectionIndex: sections.length - 1,
      depth,
      leadIn: /(?::|—|–|following|as follows|to|not)\s*$/i.test(ptext) && /:\s*$|—\s*$|–\s*$/.test(ptext),
    };
    blocks.push(block);
    prevLeadIn = block.leadIn || (prevLeadIn && !block.label && block.kind !== 'heading' && ptext.length < 80);
    if (kind === 'heading') {
      headingStack.push({ depth: myHeadingDepth, span: { start: p.start + (label?.length ?? 0), end: p.end }, text: bodyText.trim() });
    }
  }
  return { blocks, sections };
}

/**
 * "4. Use of the Service / You agree not to: / 1. scrape… / 2. resell…": numbering that starts again at
 * 1 right after a lead-in, inside a numbered section, is a list under the lead-in, not a new section 1.
 * Its items continue while the numbers follow on and the paragraph is not a title; anything else
 * closes the list and is placed as usual. Returns undefined when the label is not such an item.
 */
function restartedList(stack: StackEntry[], label: Label, ptext: string, afterLeadIn: boolean): { depth: number; section: string } | undefined {
  if (label.style !== 'decimal' || label.level !== 1) {
    if (stack[stack.length - 1]?.style === 'decimal-list' && label.style === 'decimal') stack.pop();
    return undefined;
  }
  // Items nested under the list's last item ("10. ... including by: (a) ... (d) ...") do not hide the
  // list: "11." after them continues it.
  let li = stack.length - 1;
  while (li > 0 && /^(?:paren-alpha|paren-roman|alpha|roman|bullet)/.test(stack[li]!.style) && stack[li - 1]!.style !== 'decimal') li--;
  const top = stack[li];
  const place = (parent: StackEntry) => {
    const section = `${parent.section}(${label.value})`;
    stack.push({ label, style: 'decimal-list', section, indent: parent.indent });
    return { depth: stack.length - 1, section };
  };
  if (top?.style === 'decimal-list') {
    stack.length = li;
    const parent = stack[stack.length - 1]!;
    const title = looksLikeHeading(ptext.slice(label.length).trim()) && ptext.length < 120 && !/[.;:,]\s*$/.test(ptext.trim());
    if (Number(label.value) === Number(top.label.value) + 1 && !title) return place(parent);
    return undefined;
  }
  if (afterLeadIn && label.value === '1' && top && top.style === 'decimal') return place(top);
  return undefined;
}

/** Put a label on the numbering stack and return its depth and full section reference. */
function place(stack: StackEntry[], label: Label, indent: number): { depth: number; section: string } {
  // Indentation first: entries indented deeper than this label are closed; a label indented
  // deeper than the innermost entry opens a nested list whatever its style.
  while (stack.length && stack[stack.length - 1]!.indent > indent + 1) stack.pop();
  const top = stack[stack.length - 1];
  if (top && indent > top.indent + 1 && top.style !== 'part' && top.style !== 'schedule' && top.style !== 'section-word') {
    const sep = label.style === 'decimal' && top.style === 'decimal' ? '.' : '';
    const own = label.style === 'bullet' ? '' : label.style === 'decimal' ? label.value : `(${label.value})`;
    const section = top.section + (own ? sep + own : '');
    stack.push({ label, style: `${label.style}@${indent}`, section, indent });
    return { depth: stack.length - 1, section };
  }
  if (top && top.style === `${label.style}@${indent}`) {
    // Sibling in an indented nested list.
    stack.pop();
    const parent = stack[stack.length - 1];
    const sep = label.style === 'decimal' && parent?.style.startsWith('decimal') ? '.' : '';
    const section = (parent?.section ?? '') + (label.style === 'bullet' ? '' : sep + (label.style === 'decimal' ? label.value : `(${label.value})`));
    stack.push({ label, style: top.style, section, indent });
    return { depth: stack.length - 1, section };
  }
  let style: string = label.style;
  // (i) after (h) is a letter; (i) elsewhere starts a roman list.
  if ((label.style === 'paren-alpha' || label.style === 'alpha') && isRoman(label.value)) {
    const alphaStyle = label.style;
    const romanStyle = label.style === 'paren-alpha' ? 'paren-roman' : 'roman';
    const alphaIdx = findStyle(stack, alphaStyle);
    const romanIdx = findStyle(stack, romanStyle);
    const prevAlpha = alphaIdx >= 0 ? stack[alphaIdx]!.label.value.toLowerCase() : '';
    const prevRoman = romanIdx >= 0 ? stack[romanIdx]!.label.value.toLowerCase() : '';
    const v = label.value.toLowerCase();
    const continuesAlpha = prevAlpha && prevAlpha.charCodeAt(0) + 1 === v.charCodeAt(0) && v.length === 1;
    const continuesRoman = prevRoman && romanValue(prevRoman) + 1 === romanValue(v);
    if (!continuesAlpha && (continuesRoman || v === 'i' || romanIdx > alphaIdx)) style = romanStyle;
  }
  if (label.style === 'decimal') {
    // Decimal labels carry their own path; drop everything at or below their level.
    const parentOf = (e: StackEntry) =>
      e.style === 'part' || e.style === 'schedule' ||
      // "Section 9" (or Clause 9) is the parent of 9.1, 9.2...
      (e.style === 'section-word' && label.value.startsWith(`${e.label.value}.`));
    while (stack.length && (stack[stack.length - 1]!.style !== 'decimal' || stack[stack.length - 1]!.label.level >= label.level) && !parentOf(stack[stack.length - 1]!)) stack.pop();
    const schedule = stack.find((e) => e.style === 'schedule');
    const prefix = schedule ? `${schedule.label.text}, ` : '';
    stack.push({ label, style, section: prefix + label.value, indent });
    return { depth: stack.length - 1, section: prefix + label.value };
  }
  if (label.style === 'part' || label.style === 'schedule' || label.style === 'section-word') {
    const idx = stack.findIndex((e) => e.style === label.style);
    if (idx >= 0) stack.length = idx;
    else if (label.style !== 'section-word') stack.length = 0;
    else {
      // "Section 5" under an Article keeps the Article; otherwise it is top level.
      while (stack.length && stack[stack.length - 1]!.style !== 'part' && stack[stack.length - 1]!.style !== 'schedule') stack.pop();
    }
    const section = label.style === 'section-word' ? label.value : label.text;
    stack.push({ label, style, section, indent });
    return { depth: stack.length - 1, section };
  }
  if (label.style === 'bullet') {
    const idx = findStyle(stack, 'bullet');
    if (idx >= 0) stack.length = idx;
    const section = stack.length ? stack[stack.length - 1]!.section : '';
    stack.push({ label, style, section, indent });
    return { depth: stack.length - 1, section };
  }
  const idx = findStyle(stack, style);
  if (idx >= 0) stack.length = idx;
  else {
    // A bullet level never parents a numbered item that follows it.
    while (stack.length && stack[stack.length - 1]!.style === 'bullet') stack.pop();
  }
  const parent = stack[stack.length - 1];
  const own = style.startsWith('paren') ? `(${label.value})` : label.style === 'alpha' || label.style === 'roman' || label.style === 'upper-alpha' || label.style === 'upper-roman' ? `(${label.value})` : label.text;
  const section = (parent ? parent.section : '') + own;
  stack.push({ label, style, section, indent });
  return { depth: stack.length - 1, section };
}

function findStyle(stack: StackEntry[], style: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.style === style) return i;
  return -1;
}
