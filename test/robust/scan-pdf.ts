// Test helper: a text PDF made into a scan — every page rendered to a gray image (PDFium, 150 dpi)
// and put back as an image-only PDF (pdf-lib), with no text layer at all.
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { type GrayImage, renderPages } from '../../src/ingest/ocr/render.js';

/** A gray image as a PNG (8-bit grayscale, no filter): enough for pdf-lib to embed. */
export function pngOf(img: GrayImage): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((img.width + 1) * img.height);
  for (let y = 0; y < img.height; y++) raw.set(img.pixels.subarray(y * img.width, (y + 1) * img.width), y * (img.width + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The image-only twin of a text PDF: same page count and size, each page one picture of itself. */
export async function scannedTwin(bytes: Uint8Array, dpi = 150): Promise<Uint8Array> {
  const src = await PDFDocument.load(bytes);
  const out = await PDFDocument.create();
  const sizes = src.getPages().map((p) => p.getSize());
  await renderPages(bytes, sizes.map((_, i) => i), async (i, img) => {
    const png = await out.embedPng(pngOf(img));
    const { width, height } = sizes[i]!;
    out.addPage([width, height]).drawImage(png, { x: 0, y: 0, width, height });
  }, dpi);
  return out.save();
}
