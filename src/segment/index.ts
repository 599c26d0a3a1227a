// Segment a SourceDocument: blocks (sections, clauses, list items, headings, definitions, TOC,
// recitals), sentences, and the facts of each sentence (party, modality, negation, exception).
import type { Block, SegmentedDocument, Sentence, SourceDocument, Span } from '../types.js';
import { buildBlocks } from './blocks.js';
import { type SentenceFacts, partyIndex, sentenceFacts } from './modality.js';
import { documentParties } from './parties.js';
import { splitSentences } from './sentences.js';

export { looksLikeHeading } from './blocks.js';
export { parseLabel } from './labels.js';
export { sentenceFacts, DEFAULT_PARTIES } from './modality.js';

interface ActiveLeadIn {
  block: Block;
  sentence: Span;
  facts: SentenceFacts;
}

export function segment(source: SourceDocument): SegmentedDocument {
  const { text } = source;
  const { blocks, sections } = buildBlocks(text);
  const parties = documentParties(text);
  const index = partyIndex(parties);
  const sentences: Sentence[] = [];
  const leadIns: ActiveLeadIn[] = [];
  let prevWasItem = false;
  // The previous list item had a label of its own ("-", "(a)"): a plain paragraph after such a list is
  // not one more item, unless it runs on with ";" or ","
  let prevItemLabelled = false;

  blocks.forEach((block, bi) => {
    const spans = splitSentences(text, block.start, block.end);
    // Which lead-in (if any) governs this block?
    // "The parties agree as follows:" does not make every numbered clause a list item.
    const labelled = block.label !== undefined && !(/^\d+\.?$/.test(block.label) && block.depth === 0);
    while (leadIns.length) {
      const top = leadIns[leadIns.length - 1]!;
      const deeper = labelled && (block.depth > top.block.depth || (top.block.label === undefined && block.depth >= top.block.depth));
      const plainItem =
        !labelled && block.kind === 'clause' && prevWasItem && block.depth === top.block.depth && top.block.label === undefined &&
        (/[;,]\s*(?:and|or)?$/i.test(text.slice(block.start, block.end)) || (!prevItemLabelled && block.end - block.start < 400));
      // A nested list flattened in extraction (PDF text keeps no indent): '- Do not break export law. In
      // particular, do not:' / '- access the Services from ...;' - a bullet of the same kind whose text
      // runs on in lower case after a bullet that ends with a colon is its item.
      const flatItem =
        labelled && block.depth === top.block.depth && top.block.label !== undefined && block.label === top.block.label && /^[-*\u2022]$/.test(block.label) &&
        /:\s*$/.test(text.slice(top.block.start, top.block.end)) && /^\s*\S+\s+\p{Ll}/u.test(text.slice(block.start, Math.min(block.end, block.start + 40)));
      if (deeper || plainItem || flatItem) break;
      leadIns.pop();
    }
    const governing = leadIns[leadIns.length - 1];
    const isItem = governing !== undefined && block.kind !== 'heading' && block.kind !== 'toc';
    spans.forEach((sp, si) => {
      const facts = sentenceFacts(text.slice(sp.start, sp.end), parties, index);
      let inherited = false;
      if (isItem && si === 0) {
        // "You will not: - produce output that could ..." - an item that is a lowercase fragment
        // continues the lead-in's sentence; its own "could" or "may" sits in a relative clause.
        const body = text.slice(sp.start, sp.end).replace(/^\s*(?:[-*•●▪◦·‣–]|\(?[a-z0-9]{1,4}[.)])\s*/i, '');
        if (/^\p{Ll}/u.test(body) && governing.facts.modality !== 'none') {
          facts.modality = governing.facts.modality;
          facts.party = governing.facts.party !== 'unknown' ? governing.facts.party : facts.party;
          inherited = true;
        }
        if (facts.modality === 'none') {
          facts.modality = governing.facts.modality;
          inherited = true;
        }
        if (facts.party === 'unknown') {
          facts.party = governing.facts.party;
          inherited = true;
        }
        // "You must: - Not share your key" - an item that opens with "not" or "never" turns the
        // lead-in's obligation into a prohibition.
        if (/^(?:not|never)\b/i.test(body) && facts.modality === 'obligation' && governing.facts.modality === 'obligation') {
          facts.modality = 'prohibition';
          facts.negated = true;
        }
        facts.negated = facts.negated || governing.facts.negated;
        facts.exception = facts.exception || governing.facts.exception;
      }
      sentences.push({
        start: sp.start,
        end: sp.end,
        block: bi,
        ...facts,
        inherited,
        leadIn: isItem && si === 0 ? governing.sentence : undefined,
      });
    });
    prevWasItem = isItem || block.leadIn;
    prevItemLabelled = isItem && block.label !== undefined;
    if (block.leadIn && spans.length && block.kind !== 'heading') {
      const own = sentences.slice(sentences.length - spans.length);
      const last = own[own.length - 1]!;
      // "Do not X. This includes content that:" - an anaphoric lead-in takes its force from the
      // block's modal sentence; any other lead-in speaks for itself.
      const anaphoric = /^\W*(?:this|these|such|that|those|it|including|includes)\b/i.test(text.slice(last.start, last.end));
      const modal = anaphoric ? ([...own].reverse().find((x) => x.modality !== 'none') ?? last) : last;
      const facts: SentenceFacts = { party: modal.party, modality: modal.modality, negated: modal.negated, exception: last.exception };
      // A nested lead-in without its own modality passes on its parent's.
      if (isItem && facts.modality === 'none') facts.modality = governing.facts.modality;
      if (isItem && facts.party === 'unknown') facts.party = governing.facts.party;
      leadIns.push({ block, sentence: { start: last.start, end: last.end }, facts });
    }
  });
  return { source, blocks, sentences, sections, parties };
}
