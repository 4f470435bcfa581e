// Hostile and broken inputs for the bad-input tests and the fuzz run: what a real upload form receives
// sooner or later (empty files, the wrong type behind a .pdf name, encrypted and truncated PDFs,
// decompression bombs, enormous page counts and pixel sizes, huge metadata), and seeded mutations of the
// sample packets. Everything is made here from bytes, so the tests need nothing outside the repo.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { rng } from './generate.ts';

export interface HostileFile {
  name: string;
  what: string;
  bytes: Uint8Array;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * A one-page PDF carrying every kind of active content a reader may run: a JavaScript open action and
 * document script, a page action, a JavaScript link, a /Launch link, a javascript: URI and an attached
 * executable. Its page draws the words given (so a copy can be checked to keep them).
 */
export async function pdfWithActiveContent(words = 'RECEIVED PAGE'): Promise<Uint8Array> {
  const { PDFString, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(words, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  const ctx = doc.context;
  const js = (code: string) => ctx.obj({ S: 'JavaScript', JS: PDFString.of(code) });
  doc.catalog.set(PDFName.of('OpenAction'), ctx.register(js('app.alert("open")')));
  page.node.set(PDFName.of('AA'), ctx.obj({ O: ctx.register(js('app.alert("page")')) }));
  const link = (action: Record<string, unknown>, y: number) => ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [72, y, 300, y + 20], Border: [0, 0, 0], A: ctx.obj(action as never) }));
  page.node.set(PDFName.of('Annots'), ctx.obj([
    link({ S: 'JavaScript', JS: PDFString.of('app.alert("link")') }, 700),
    link({ S: 'Launch', F: PDFString.of('cmd.exe') }, 660),
    link({ S: 'URI', URI: PDFString.of('javascript:alert(1)') }, 620),
  ]));
  const payload = ctx.register(ctx.flateStream(new TextEncoder().encode('MZ not really a program'), { Type: 'EmbeddedFile' }));
  const spec = ctx.register(ctx.obj({ Type: 'Filespec', F: PDFString.of('update.exe'), EF: { F: payload } }));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({
    EmbeddedFiles: { Names: [PDFString.of('update.exe'), spec] },
    JavaScript: { Names: [PDFString.of('init'), ctx.register(js('app.alert("names")'))] },
  }));
  return doc.save({ useObjectStreams: false });
}

/** A grey PNG that claims width × height and inflates to all of it (a decompression bomb when large). */
export function pngBomb(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * Math.min(height, 2000));
  // Rows of zeros compress ~1000:1; repeat the block instead of allocating the whole image.
  const block = deflateSync(raw, { level: 9 });
  const blocks = Math.ceil(height / 2000);
  // A single zlib stream is required; for the header-claims-too-much case a truncated stream is enough.
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...Array.from({ length: Math.min(blocks, 1) }, () => pngChunk('IDAT', block)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG header claiming width × height (SOF0) followed by nothing useful. */
export function jpegClaiming(width: number, height: number, realJpeg: Buffer): Buffer {
  // Patch the SOF0 marker of a real JPEG: decoders read the size from there.
  const out = Buffer.from(realJpeg);
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF marker');
}

/** A PDF whose one page's content stream inflates to `mb` megabytes. */
export async function pdfContentBomb(mb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  // 1 MB of a harmless drawing operator repeated, deflated once and referenced as the page contents.
  const unit = Buffer.from('0 0 m 1 1 l S\n'.repeat(Math.ceil((1 << 20) / 14)));
  const big = Buffer.concat(Array.from({ length: mb }, () => unit));
  const stream = doc.context.flateStream(big);
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}

/** A PDF page showing one DeviceGray image of width × height pixels (deflated zeros). */
export async function pdfImageBomb(width: number, height: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const raw = Buffer.alloc(width * height);
  const img = doc.context.stream(deflateSync(raw, { level: 1 }), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
  });
  const ref = doc.context.register(img);
  page.node.setXObject(PDFName.of('Im0'), ref);
  const content = doc.context.stream('q 595 0 0 842 0 0 cm /Im0 Do Q');
  page.node.set(PDFName.of('Contents'), doc.context.register(content));
  return doc.save({ useObjectStreams: false });
}

export async function pdfManyPages(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([595, 842]);
  return doc.save();
}

/** A PDF with megabytes of document information and XMP metadata. */
export async function pdfHugeMetadata(source: Uint8Array, mb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(source);
  const filler = '元数据'.repeat(Math.ceil((mb * (1 << 20)) / 9));
  doc.setSubject(filler.slice(0, 60_000));
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><note>${filler}</note></x:xmpmeta><?xpacket end="w"?>`;
  const meta = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(meta));
  return doc.save();
}

/** A PDF encrypted with the standard security handler and a user password we do not know. */
export function pdfEncrypted(): Uint8Array {
  const hex = (n: number, seed: number) => {
    const r = rng(seed);
    return Array.from({ length: n }, () => Math.floor(r() * 256).toString(16).padStart(2, '0')).join('');
  };
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 1)}> /U <${hex(32, 2)}> /P -44 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The named bad inputs every upload path must answer with a case that says what is wrong. */
export async function hostileFiles(sample: Uint8Array): Promise<HostileFile[]> {
  const firstPage = await PDFDocument.create();
  const src = await PDFDocument.load(sample);
  const [p] = await firstPage.copyPages(src, [0]);
  firstPage.addPage(p!);
  const onePage = await firstPage.save();
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).jpeg().toBuffer();
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } }).png().toBuffer();
  const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]);
  return [
    { name: 'empty.pdf', what: 'an empty file', bytes: new Uint8Array(0) },
    { name: 'really-a-zip.pdf', what: 'a ZIP archive behind a .pdf name', bytes: zip },
    { name: 'really-html.pdf', what: 'an HTML page behind a .pdf name', bytes: Buffer.from('<!doctype html><title>申请表</title><p>见附件</p>') },
    { name: 'encrypted.pdf', what: 'a password-protected PDF', bytes: pdfEncrypted() },
    { name: 'truncated.pdf', what: 'a PDF cut off at 40 %', bytes: onePage.slice(0, Math.floor(onePage.length * 0.4)) },
    { name: 'header-only.pdf', what: 'only a PDF header', bytes: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1') },
    { name: 'truncated.jpg', what: 'a JPEG cut off', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)) },
    { name: 'corrupt.png', what: 'a PNG with a broken image stream', bytes: Buffer.concat([png.subarray(0, 40), Buffer.alloc(60, 0xab), png.subarray(100)]) },
    { name: 'ten-thousand-pages.pdf', what: 'a 10 000-page PDF', bytes: await pdfManyPages(10_000) },
    { name: 'bomb-30000px.png', what: 'a 30 000 × 30 000 px PNG (decompression bomb)', bytes: pngBomb(30_000, 30_000) },
    { name: 'huge-30000px.jpg', what: 'a JPEG claiming 30 000 × 30 000 px', bytes: jpegClaiming(30_000, 30_000, jpeg) },
    { name: 'content-bomb.pdf', what: 'a PDF page whose contents inflate to 300 MB', bytes: await pdfContentBomb(300) },
    { name: 'image-bomb.pdf', what: 'a PDF page with a 30 000 × 30 000 px image', bytes: await pdfImageBomb(30_000, 30_000) },
    { name: 'huge-metadata.pdf', what: 'a PDF with 8 MB of XMP metadata', bytes: await pdfHugeMetadata(onePage, 8) },
  ];
}

/** Seeded mutations of a valid file: bit flips, truncation, deleted, repeated and overwritten spans. */
export function mutate(source: Uint8Array, seed: number): { bytes: Uint8Array; how: string } {
  const r = rng(seed);
  const b = Buffer.from(source);
  const at = () => Math.floor(r() * b.length);
  const kind = Math.floor(r() * 6);
  switch (kind) {
    case 0: {
      const n = 1 + Math.floor(r() * 32);
      for (let i = 0; i < n; i++) {
        const j = at();
        b[j] = b[j]! ^ (1 << Math.floor(r() * 8));
      }
      return { bytes: b, how: `${n} bit flips` };
    }
    case 1: {
      const cut = at();
      return { bytes: b.subarray(0, cut), how: `truncated at ${cut}` };
    }
    case 2: {
      const from = at();
      const len = Math.floor(r() * Math.min(4096, b.length - from));
      return { bytes: Buffer.concat([b.subarray(0, from), b.subarray(from + len)]), how: `${len} bytes deleted at ${from}` };
    }
    case 3: {
      const from = at();
      const len = Math.floor(r() * Math.min(4096, b.length - from));
      return { bytes: Buffer.concat([b.subarray(0, from + len), b.subarray(from, from + len), b.subarray(from + len)]), how: `${len} bytes repeated at ${from}` };
    }
    case 4: {
      const from = at();
      const len = Math.floor(r() * 512);
      for (let i = from; i < Math.min(b.length, from + len); i++) b[i] = Math.floor(r() * 256);
      return { bytes: b, how: `${len} random bytes at ${from}` };
    }
    default: {
      // The first kilobyte holds headers, xref pointers and image sizes: the most sensitive part.
      const n = 1 + Math.floor(r() * 8);
      for (let i = 0; i < n; i++) b[Math.floor(r() * Math.min(1024, b.length))] = Math.floor(r() * 256);
      return { bytes: b, how: `${n} header bytes overwritten` };
    }
  }
}
