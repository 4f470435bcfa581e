// A page that will not finish is answered, not waited on: the packet's other pages go on, and the page
// is reported as unreadable (lib/config.ts PAGE_SECONDS; 1 s here).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrEngine } from '../../lib/extract/ocr/port.ts';

process.env.INTAKE_PAGE_SECONDS = '1';
const { extractPacket } = await import('../../lib/extract/index.ts');

describe('a page that runs out of time', () => {
  it('is answered as unreadable while the reading is still going, and the next file is read', async () => {
    let calls = 0;
    let finished = false;
    // The first page never comes back in time; the second is read at once.
    const ocr: OcrEngine = {
      name: 'stuck-once',
      recognise: () => (calls++ === 0 ? new Promise((resolve) => setTimeout(() => ((finished = true), resolve([])), 4000)) : Promise.resolve([{ text: '培训学员花名册', confidence: 0.99, bbox: [100, 40, 300, 70] }])),
    };
    const png = await sharp({ create: { width: 400, height: 560, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const x = await extractPacket([{ name: 'stuck.png', bytes: png }, { name: 'roster.png', bytes: png }], { ocr, tolerant: true });
    expect(finished).toBe(false);
    expect(x.problems).toContainEqual({ file: 'stuck.png', page: 1, message: 'reading the page took more than 1 s; it is left unread' });
    expect(x.documents.map((d) => d.type)).toContain('roster');
  });
});
