// A red seal struck over writing: taken out of the page before OCR, the writing under it kept.
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { withoutSeals } from '../../lib/extract/normalise.ts';

/** Off-white paper with a black bar of "writing"; a translucent red seal ring and star struck over it. */
function page(seal: boolean): Buffer {
  const canvas = createCanvas(400, 300);
  const g = canvas.getContext('2d');
  g.fillStyle = '#f0efea';
  g.fillRect(0, 0, 400, 300);
  g.fillStyle = '#141414';
  g.fillRect(40, 140, 320, 16);
  // A blue-black pen stroke far from the seal.
  g.fillStyle = '#1c2a5a';
  g.fillRect(40, 260, 120, 6);
  if (seal) {
    g.globalAlpha = 0.6;
    g.strokeStyle = '#d01010';
    g.lineWidth = 6;
    g.beginPath();
    g.arc(200, 140, 80, 0, Math.PI * 2);
    g.stroke();
    g.fillStyle = '#d01010';
    g.fillRect(185, 120, 30, 30);
  }
  return canvas.toBuffer('image/png');
}

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)] as [number, number, number];
}

describe('seals taken out before OCR', () => {
  it('the seal turns pale grey; the black writing under it stays black; the rest of the page is as it was', async () => {
    const before = await pixels(page(true));
    const after = await pixels(await withoutSeals(page(true)));
    // The ring on bare paper (above the bar): red before, grey and light after.
    const [r0, g0, b0] = before(200, 60);
    expect(r0 - Math.max(g0, b0)).toBeGreaterThan(60);
    const [r1, g1, b1] = after(200, 60);
    expect(Math.max(r1, g1, b1) - Math.min(r1, g1, b1)).toBeLessThan(8);
    expect(Math.min(r1, g1, b1)).toBeGreaterThan(180);
    // The bar under the star: still dark.
    expect(Math.max(...after(200, 148))).toBeLessThan(90);
    // Paper and the blue-black stroke away from the seal: untouched.
    expect(after(380, 20)).toEqual(before(380, 20));
    expect(after(60, 262)).toEqual(before(60, 262));
  });

  it('a page without a seal comes back as it was', async () => {
    const png = page(false);
    expect(await withoutSeals(png)).toBe(png);
  });
});
