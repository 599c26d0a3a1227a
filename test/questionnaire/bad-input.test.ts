import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire } from '../../src/questionnaire/bank.js';
import { evaluate } from '../../src/questionnaire/evaluate.js';
import { readAnswers } from '../../src/questionnaire/read.js';
import { templateCsv, templateXlsx, XLSX_HEADER_ROW } from '../../src/questionnaire/template.js';
import { InputError } from '../../src/types.js';
import { cli } from '../cli/helpers.js';
import { loadXlsx, rawXlsx, saveXlsx, tmp } from './helpers.js';

const bank = loadQuestionnaire();
const FIRST = XLSX_HEADER_ROW + 1; // first question row of the template

async function inputError(file: string, opts: Parameters<typeof readAnswers>[1] = {}): Promise<string> {
  try {
    await readAnswers(file, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    // The file, with the line and column where the problem is (file:line:col) when it has one.
    const where = (err as InputError).file;
    expect(where === file || where.startsWith(`${file}:`)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
    return `${where.slice(file.length + 1)}${where === file ? '' : ': '}${(err as Error).message}`;
  }
  throw new Error('no error');
}

/** The XLSX template, changed by `edit`, saved to a temp file. */
async function template(edit: (ws: import('exceljs').Worksheet, wb: import('exceljs').Workbook) => void): Promise<string> {
  const wb = await loadXlsx(await templateXlsx(bank));
  edit(wb.getWorksheet('Questionnaire')!, wb);
  const file = join(tmp(), 'answers.xlsx');
  writeFileSync(file, await saveXlsx(wb));
  return file;
}

describe('XLSX cells that cannot be read as plain answers', () => {
  it('merged answer cells: sheet, cell, row, column and the merged range', async () => {
    const file = await template((ws) => ws.mergeCells(`E${FIRST + 5}:E${FIRST + 6}`));
    expect(await inputError(file)).toBe(
      `sheet "Questionnaire", cell E${FIRST + 5} (row ${FIRST + 5}, column E, answer): merged cells E${FIRST + 5}:E${FIRST + 6}; unmerge them so each question has its own row`,
    );
  });

  it('merged cells across answer and comment columns are refused too', async () => {
    const file = await template((ws) => ws.mergeCells(`E${FIRST + 2}:G${FIRST + 2}`));
    expect(await inputError(file)).toMatch(new RegExp(`cell E${FIRST + 2} .*merged cells E${FIRST + 2}:G${FIRST + 2}`));
  });

  it('a formula in an answer cell', async () => {
    const file = await template((ws) => (ws.getCell(`E${FIRST + 3}`).value = { formula: 'IF(B2="x","Yes","No")', result: 'Yes' }));
    expect(await inputError(file)).toBe(`sheet "Questionnaire", cell E${FIRST + 3} (row ${FIRST + 3}, column E, answer): holds a formula (=IF(B2="x","Yes","No")); paste the values instead of formulas`);
  });

  it('an error value in a comment cell', async () => {
    const file = await template((ws) => (ws.getCell(`G${FIRST}`).value = { error: '#N/A' }));
    expect(await inputError(file)).toMatch(new RegExp(`^sheet "Questionnaire", cell G${FIRST} \\(row ${FIRST}, column G, comment\\): holds the error value #N/A$`));
  });

  it('merges and formulas outside the columns we read are fine (title rows, guidance)', async () => {
    const file = await template((ws) => {
      ws.getCell(`H${FIRST}`).value = { formula: 'LEN(C5)', result: 10 };
      ws.mergeCells(`H${FIRST + 1}:I${FIRST + 1}`);
    });
    const set = await readAnswers(file);
    expect(set.answers).toHaveLength(bank.questions.length);
  });
});

describe('unknown and repeated question IDs', () => {
  it('an unknown ID names the cell', async () => {
    const file = await template((ws) => (ws.getCell(`A${FIRST + 7}`).value = 'data.training-on-prompts'));
    expect(await inputError(file)).toBe(
      `sheet "Questionnaire", cell A${FIRST + 7} (row ${FIRST + 7}, column A "ID"): unknown question ID "data.training-on-prompts" (not in questionnaire ai-vendor v1)`,
    );
  });

  it('a repeated ID names both rows', async () => {
    const file = await template((ws) => (ws.getCell(`A${FIRST + 1}`).value = ws.getCell(`A${FIRST}`).value));
    expect(await inputError(file)).toMatch(new RegExp(`cell A${FIRST + 1} .*: question "company.legal-name" appears twice \\(also row ${FIRST}\\)`));
  });
});

describe('sheets', () => {
  it('the questionnaire on a hidden sheet', async () => {
    const file = await template((ws, wb) => {
      ws.state = 'hidden';
      wb.addWorksheet('Cover').getCell('A1').value = 'Please see the other tab';
    });
    expect(await inputError(file)).toBe('the questionnaire is on hidden sheet "Questionnaire"; unhide it (right-click the sheet tabs > Unhide) after checking what it holds');
    expect(await inputError(file, { sheet: 'questionnaire' })).toMatch(/^sheet "Questionnaire" is hidden/);
  });

  it('a hidden extra sheet is reported as a warning, not read', async () => {
    const file = await template((_ws, wb) => {
      const h = wb.addWorksheet('Lists');
      h.state = 'veryHidden';
      h.getCell('A1').value = 'ID';
      h.getCell('B1').value = 'Answer';
    });
    const set = await readAnswers(file);
    expect(set.warnings).toEqual(['hidden sheet "Lists" was not read']);
  });

  it('hidden rows and columns holding answers are read, with a warning', async () => {
    const file = await template((ws) => {
      ws.getRow(FIRST + 2).hidden = true;
      ws.getColumn(7).hidden = true;
      ws.getCell(`E${FIRST + 2}`).value = 'Hidden answer';
    });
    const set = await readAnswers(file);
    expect(set.warnings).toEqual(['sheet "Questionnaire", the comment column G is hidden', `sheet "Questionnaire", hidden row ${FIRST + 2} holds answers (read anyway)`]);
    expect(set.answers[2]!.raw).toBe('Hidden answer');
  });

  it('empty workbooks and empty sheets', async () => {
    const wb = new (await import('exceljs')).default.Workbook();
    wb.addWorksheet('Sheet1');
    wb.addWorksheet('Sheet2');
    const file = join(tmp(), 'empty.xlsx');
    writeFileSync(file, await saveXlsx(wb));
    expect(await inputError(file)).toBe('every sheet is empty');
    expect(await inputError(file, { sheet: 'Sheet2' })).toBe('sheet "Sheet2" is empty');
    expect(await inputError(file, { sheet: 'Answers' })).toBe('no sheet "Answers" (sheets: "Sheet1", "Sheet2")');
  });

  it('a header row with nothing below it', async () => {
    const wb = new (await import('exceljs')).default.Workbook();
    const ws = wb.addWorksheet('Answers');
    ws.getCell('A1').value = 'Vendor questionnaire';
    ws.getRow(3).values = ['ID', 'Question', 'Answer'];
    const file = join(tmp(), 'header-only.xlsx');
    writeFileSync(file, await saveXlsx(wb));
    expect(await inputError(file)).toBe('sheet "Answers": header row 3 found, but no question rows below it');
  });

  it('a sheet without our header row', async () => {
    const wb = new (await import('exceljs')).default.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.getRow(1).values = ['Control', 'Status'];
    ws.getRow(2).values = ['X-1', 'ok'];
    const file = join(tmp(), 'other.xlsx');
    writeFileSync(file, await saveXlsx(wb));
    expect(await inputError(file)).toMatch(/^sheet "Data": no header row with an ID column .* in the first 50 rows; a foreign questionnaire needs --mapping FILE \(`clausecheck questionnaire map` proposes one\) or --auto-map$/);
  });

  it('a sheet with 100,000 rows is refused before it is loaded', async () => {
    const file = join(tmp(), 'big.xlsx');
    writeFileSync(file, await rawXlsx('Export', 100_000, (r) => (r === 1 ? ['ID', 'Answer'] : [`Q-${r}`, 'Yes'])));
    expect(await inputError(file)).toBe('sheet "Export" has 100000 filled rows (the last is row 100000); a questionnaire has at most 10000 rows — delete the unused rows or split the sheet');
  });

  it('a cell that refers to a shared text the workbook lacks is one clean line, not an exceljs TypeError', async () => {
    const zip = await JSZip.loadAsync(await templateXlsx(bank));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace(/<si>[\s\S]*<\/si>/, ''));
    const file = join(tmp(), 'strings.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const message = await inputError(file);
    expect(message).toBe('cannot read the workbook (a cell refers to a shared text the workbook does not hold; save it again from a spreadsheet program)');
  });

  it('a zip bomb is refused from the zip directory', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1048576, 0x20));
    const file = join(tmp(), 'bomb.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(await inputError(file)).toMatch(/^zip entry xl\/worksheets\/sheet1.xml inflates \d+x \(20971520 bytes\); refusing a possible zip bomb$/);
  });

  it('a zip bomb whose directory understates the size is refused before exceljs inflates it', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1048576, 0x20));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // Rewrite the uncompressed size in the local header (offset 22) and the central directory (offset 24).
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (const [sig, nameLen, nameAt, sizeAt] of [[0x04034b50, 26, 30, 22], [0x02014b50, 28, 46, 24]] as const) {
      for (let i = 0; i + 4 <= buf.length; i++) {
        if (buf.readUInt32LE(i) !== sig) continue;
        const n = buf.readUInt16LE(i + nameLen);
        if (buf.subarray(i + nameAt, i + nameAt + n).equals(name)) buf.writeUInt32LE(1000, i + sizeAt);
      }
    }
    const file = join(tmp(), 'liar.xlsx');
    writeFileSync(file, buf);
    expect(await inputError(file)).toBe('XLSX workbook entry xl/worksheets/sheet1.xml inflates to more than the 1000 bytes its zip directory declares; refusing a possible zip bomb');
  });
});

describe('a YAML alias bomb', () => {
  it('answers and a mapping: an input error naming the file, not an internal error', async () => {
    const f = join(tmp(), 'answers.yaml');
    writeFileSync(f, 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n');
    expect(await inputError(f)).toMatch(/alias/i);
    const { parseMapping } = await import('../../src/questionnaire/mapping.js');
    let err: unknown;
    try {
      parseMapping(f, 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', bank);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe(f);
  });
});

describe('file kinds', () => {
  const cfb = (extra: Buffer) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), extra, Buffer.alloc(512)]);

  it('a password-protected workbook (an encrypted OLE compound file)', async () => {
    const file = join(tmp(), 'locked.xlsx');
    writeFileSync(file, cfb(Buffer.from('EncryptionInfo', 'utf16le')));
    expect(await inputError(file)).toBe('workbook is password-protected (encrypted); open it in Excel, remove the password (File > Info > Protect Workbook) and save it again as .xlsx');
  });

  it('an old binary .xls', async () => {
    const file = join(tmp(), 'old.xls');
    writeFileSync(file, cfb(Buffer.from('Workbook', 'utf16le')));
    expect(await inputError(file)).toMatch(/^this is an old binary Excel \(\.xls\)/);
  });

  it('a .xlsx that is not a zip, a .csv that is a zip, a PDF, an unknown extension, empty and missing files', async () => {
    const dir = tmp();
    const w = (name: string, data: string | Buffer) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    };
    expect(await inputError(w('a.xlsx', 'ID,Answer\n'))).toBe('not an XLSX workbook (the file is not a zip archive)');
    expect(await inputError(w('b.csv', await templateXlsx(bank).then(Buffer.from)))).toBe('this is a zip archive (an XLSX workbook?), not CSV; rename it to .xlsx');
    expect(await inputError(w('c.xlsx', '%PDF-1.7\n'))).toMatch(/^this is a PDF/);
    expect(await inputError(w('d.docx', 'x'))).toBe('unknown questionnaire format ".docx" (expected .xlsx, .csv, .json, .yaml or .yml)');
    expect(await inputError(w('e.csv', ''))).toBe('file is empty');
    expect(await inputError(join(dir, 'missing.csv'))).toBe('file not found');
    mkdirSync(join(dir, 'folder.csv'));
    expect(await inputError(join(dir, 'folder.csv'))).toMatch(/^is a folder/);
  });
});

describe('CSV encodings and structure', () => {
  const csv = (answer: string) => `ID,Answer,Comment\r\ncompany.legal-name,${answer},\r\ndata.training-on-inputs,No,Sans entraînement\r\n`;

  it('UTF-16 with a byte order mark is read', async () => {
    for (const [enc, bom] of [
      ['utf16le', Buffer.from([0xff, 0xfe])],
      ['utf16be', Buffer.from([0xfe, 0xff])],
    ] as const) {
      const body = Buffer.from(csv('Société Générale Lab'), 'utf16le');
      if (enc === 'utf16be') body.swap16();
      const file = join(tmp(), 'utf16.csv');
      writeFileSync(file, Buffer.concat([bom, body]));
      const set = await readAnswers(file);
      expect(set.answers[0]!.value).toEqual({ kind: 'text', value: 'Société Générale Lab' });
      expect(set.answers.find((a) => a.id === 'data.training-on-inputs')!.comment).toBe('Sans entraînement');
    }
  });

  it('Latin-1 without a byte order mark: an error naming line, column and byte, then readable with --encoding', async () => {
    const file = join(tmp(), 'latin1.csv');
    writeFileSync(file, Buffer.from(csv('Société Générale Lab'), 'latin1'));
    expect(await inputError(file)).toBe('line 2, column 24: byte 0xE9 is not UTF-8 (the file looks like Latin-1 / Windows-1252); save it as "CSV UTF-8" or pass --encoding latin1');
    const set = await readAnswers(file, { encoding: 'latin1' });
    expect(set.answers[0]!.raw).toBe('Société Générale Lab');
  });

  it('UTF-16 without a byte order mark is recognised', async () => {
    const file = join(tmp(), 'utf16-nobom.csv');
    writeFileSync(file, Buffer.from(csv('Acme'), 'utf16le'));
    expect(await inputError(file)).toMatch(/^line 3, column \d+: byte 0xEE is not UTF-8 \(the file looks like UTF-16 without a byte order mark\); save it as "CSV UTF-8" or pass --encoding utf16le$/);
    expect((await readAnswers(file, { encoding: 'utf16le' })).answers[0]!.raw).toBe('Acme');
    const ascii = join(tmp(), 'utf16-ascii.csv');
    writeFileSync(ascii, Buffer.from('ID,Answer\r\ncompany.legal-name,Acme\r\n', 'utf16le'));
    expect(await inputError(ascii)).toBe('line 1: NUL character in text; this is not a text file (UTF-16 without a byte order mark? pass --encoding utf16le)');
  });

  it('semicolon-separated CSV with title rows above the header', async () => {
    const file = join(tmp(), 'semi.csv');
    writeFileSync(file, 'Vendor questionnaire;;\r\n;;\r\nID;Answer;Comment\r\ncompany.legal-name;"Acme; Ltd";\r\n');
    const set = await readAnswers(file);
    expect(set.answers[0]).toMatchObject({ raw: 'Acme; Ltd', location: { row: 4, column: 2, cell: 'B4' } });
  });

  it('an unclosed quote names its line', async () => {
    const file = join(tmp(), 'quote.csv');
    writeFileSync(file, 'ID,Answer\r\ncompany.legal-name,Acme\r\ndata.training-on-inputs,"No\r\n');
    expect(await inputError(file)).toBe('3: unclosed quote');
  });

  it('more than 10,000 rows', async () => {
    const file = join(tmp(), 'long.csv');
    writeFileSync(file, 'ID,Answer\n' + Array.from({ length: 100_000 }, (_, i) => `Q-${i},Yes`).join('\n'));
    expect(await inputError(file)).toMatch(/^more than 10000 rows \(row 10001 starts at line 10001\)/);
  });
});

describe('JSON and YAML answers', () => {
  const write = (name: string, text: string) => {
    const file = join(tmp(), name);
    writeFileSync(file, text);
    return file;
  };

  it('schema errors and unknown IDs point at line and column', async () => {
    expect(await inputError(write('a.json', '{\n  "questionnaire": "ai-vendor",\n  "answers": [\n    { "id": "company.legal-name", "answer": { "x": 1 } }\n  ]\n}\n'))).toMatch(
      /^4:\d+: .*\/answers\/0\/answer/,
    );
    expect(await inputError(write('b.yaml', 'questionnaire: ai-vendor\nanswers:\n  company.legal-name: Acme\n  company.nickname: Ace\n'))).toBe(
      '4:3: unknown question ID "company.nickname" (not in questionnaire ai-vendor v1)',
    );
    expect(await inputError(write('c.yaml', 'questionnaire: other\nanswers: {}\n'))).toBe('1:16: answers are for questionnaire "other", not "ai-vendor"');
    expect(await inputError(write('d.yaml', 'questionnaire: ai-vendor\nanswers: [\n'))).toMatch(/^\d+:\d+: /);
    expect(await inputError(write('e.yaml', 'questionnaire: ai-vendor\nanswer: []\n'))).toBe("2:1: unknown field 'answer' at / (did you mean 'answers'?) (+1 more problem)");
  });

  it('a mapping is refused for JSON / YAML answers', async () => {
    const map = write('m.yaml', 'mapping: 1\ncolumns: { id: ID, answer: Answer }\nquestions: { X: company.legal-name }\n');
    await expect(readAnswers(write('f.yaml', 'questionnaire: ai-vendor\nanswers: {}\n'), { mapping: map })).rejects.toThrow('a mapping applies to XLSX and CSV sheets, not to JSON or YAML answers');
  });
});

describe('wrong answer types are findings, not input errors', () => {
  it('reports each with where it was read', async () => {
    const file = await template((ws) => {
      ws.getCell(`E${FIRST + 8}`).value = 'Maybe';
    });
    const set = await readAnswers(file);
    const r = evaluate(set, bank);
    const wrong = r.findings.filter((f) => f.code === 'wrong-type');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ severity: 'medium', message: 'Answer does not fit the question: expected Yes, No, N/A or Partial.' });
    expect(wrong[0]!.answers[0]).toMatchObject({ id: bank.questions[8]!.id, raw: 'Maybe', location: { sheet: 'Questionnaire', cell: `E${FIRST + 8}` } });
  });
});

describe('the CLI on bad input', () => {
  it('prints one line, exits 2 and writes nothing', async () => {
    const dir = tmp();
    const bad = await template((ws) => ws.mergeCells(`E${FIRST}:E${FIRST + 1}`));
    const out = join(dir, 'report.html');
    const r = cli(['questionnaire', 'check', bad, '--format', 'html', '--output', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(`clausecheck: ${bad}: sheet "Questionnaire", cell E${FIRST} (row ${FIRST}, column E, answer): merged cells E${FIRST}:E${FIRST + 1}; unmerge them so each question has its own row`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a bad mapping file is named in the error', () => {
    const dir = tmp();
    const map = join(dir, 'map.yaml');
    writeFileSync(map, 'mapping: 1\ncolumns: { id: ID, answer: Answer }\nquestions:\n  X-1: company.nope\n');
    const csvFile = join(dir, 'a.csv');
    writeFileSync(csvFile, templateCsv(bank));
    const r = cli(['questionnaire', 'check', csvFile, '--mapping', map]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`clausecheck: ${map}:4:8: unknown question "company.nope" (not in questionnaire ai-vendor)`);
  });
});
