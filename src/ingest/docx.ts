// DOCX reader: mammoth for the text (keeps inserted, drops deleted revisions), Word numbering
// recovered from numbering.xml / styles.xml and put back in front of each numbered paragraph.
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { SourceDocument } from '../types.js';
import { assertNesting } from '../read-file.js';
import { InputError } from '../types.js';
import { declaredSize, verifyZipEntries, zipDirectory } from '../zip-guard.js';
import { readDocxParagraphs } from './docx-numbering.js';
import { buildSource, normalizeText } from './source.js';

/** Refuse archives that inflate beyond this (zip bombs). */
export const MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024;

export async function readDocx(path: string, bytes: Uint8Array): Promise<SourceDocument> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new InputError(path, 'not a DOCX file (not a zip archive)');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new InputError(path, 'corrupt DOCX (the zip archive cannot be read)');
  }
  const entries = zipDirectory(path, bytes, 'DOCX');
  const total = declaredSize(entries);
  if (total > MAX_DOCX_UNCOMPRESSED) {
    throw new InputError(path, `DOCX inflates to ${Math.round(total / 1048576)} MB, over the ${MAX_DOCX_UNCOMPRESSED / 1048576} MB limit`);
  }
  verifyZipEntries(path, bytes, 'DOCX', entries);
  const docFile = zip.file('word/document.xml');
  if (!docFile) throw new InputError(path, 'corrupt DOCX (no word/document.xml inside)');
  const [documentXml, numberingXml, stylesXml] = await Promise.all([
    docFile.async('string'),
    zip.file('word/numbering.xml')?.async('string'),
    zip.file('word/styles.xml')?.async('string'),
  ]);
  assertNesting(path, documentXml, true);
  // Our parser first: it refuses malformed XML in milliseconds, where mammoth's takes a minute on
  // some (a 2 MB document.xml with a repeated declaration inside: 63 s, then the same refusal).
  let ours: ReturnType<typeof readDocxParagraphs>;
  try {
    ours = readDocxParagraphs(documentXml, numberingXml, stylesXml);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, `corrupt DOCX (${String((err as Error)?.message ?? err).split('\n')[0]})`);
  }
  await assertPartsWellFormed(path, zip);
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    throw new InputError(path, `corrupt DOCX (${String((err as Error)?.message ?? err).split('\n')[0]})`);
  }
  const pages = alignAndNumber(raw, ours);
  return buildSource(path, 'docx', pages, bytes, []);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * mammoth's raw text ends every paragraph with "\n\n". Walk its paragraphs alongside ours (same
 * document order), match them by normalized text, and prefix the recovered number label.
 */
function alignAndNumber(raw: string, ours: ReturnType<typeof readDocxParagraphs>): string[] {
  const paras = normalizeText(raw).split('\n\n');
  const pages: string[][] = [[]];
  let j = 0;
  for (const para of paras) {
    const key = squash(para);
    let label = '';
    let page = pages.length;
    if (key) {
      for (let k = j; k < Math.min(ours.length, j + 25); k++) {
        if (squash(ours[k]!.text) === key) {
          label = ours[k]!.label;
          page = ours[k]!.page;
          j = k + 1;
          break;
        }
      }
    }
    while (pages.length < page) pages.push([]);
    if (!key) continue;
    const already = label && para.trimStart().startsWith(label);
    pages[pages.length - 1]!.push(label && label !== '•' && !already ? `${label} ${para.trim()}` : label === '•' ? `• ${para.trim()}` : para.trim());
  }
  return pages.map((p) => p.join('\n\n'));
}

/**
 * Every XML part mammoth reads (relationships, content types, notes, comments) must be well-formed
 * before mammoth sees it: its parser takes minutes on some malformed parts (a relationship target
 * holding a million characters of markup), where a strict parse refuses them in milliseconds.
 */
async function assertPartsWellFormed(path: string, zip: JSZip): Promise<void> {
  const parts = Object.keys(zip.files).filter((n) => /\.(?:xml|rels)$/i.test(n) && !/^word\/(?:document|numbering|styles)\.xml$/.test(n));
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    let problem: string | undefined;
    try {
      new DOMParser({
        onError: (level, msg) => {
          if (level !== 'warning' && !problem) problem = String(msg).split('\n')[0];
        },
      }).parseFromString(xml, 'text/xml');
    } catch (err) {
      // xmldom throws on a fatal error after reporting it.
      problem ??= String((err as Error)?.message ?? err).split('\n')[0];
    }
    if (problem) throw new InputError(path, `corrupt DOCX (${name}: ${problem})`);
  }
}
