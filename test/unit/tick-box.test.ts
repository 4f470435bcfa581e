// The tick-box finder on drawn lines of a form: boxes found and judged, characters and rules not taken for boxes.
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasterOf } from '../../lib/extract/layout/raster.ts';
import { findTickBoxes } from '../../lib/extract/layout/tick-box.ts';

const require = createRequire(import.meta.url);
GlobalFonts.registerFromPath(path.join(path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '400Regular/NotoSansSC_400Regular.ttf'), 'Tick SC');

/** One line of a form, 40 px high, drawn by `draw` on white; its raster. */
async function line(draw: (g: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void) {
  const canvas = createCanvas(700, 80);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 700, 80);
  g.fillStyle = '#111';
  g.strokeStyle = '#111';
  g.textBaseline = 'middle';
  g.font = '26px "Tick SC"';
  draw(g);
  return rasterOf(canvas.toBuffer('image/png'));
}
const band: [number, number, number, number] = [0, 10, 700, 70];

describe('tick boxes on a line', () => {
  it('finds a ticked and an empty box, left to right, and tells them apart', async () => {
    const r = await line((g) => {
      g.lineWidth = 1.5;
      g.strokeRect(40, 29, 22, 22);
      g.fillText('培训机构', 72, 40);
      g.strokeRect(260, 29, 22, 22);
      g.fillText('企业', 292, 40);
      g.lineWidth = 3.5;
      g.beginPath();
      g.moveTo(42, 40);
      g.lineTo(50, 48);
      g.lineTo(64, 30);
      g.stroke();
    });
    const boxes = findTickBoxes(r, band, 36);
    expect(boxes.map((b) => [Math.round((b.bbox[0] + b.bbox[2]) / 2 / 10) * 10, b.checked])).toEqual([
      [50, true],
      [270, false],
    ]);
  });

  // Characters that are whole square frames (回 国 田) do look like boxes: the finder is only asked where a
  // form puts a box, beside an option's words (lib/extract/index.ts).
  it('takes no square inside a character (the 口 of 培, 品, 器) and no box where strokes stand on a table rule', async () => {
    const r = await line((g) => {
      g.fillText('培训机构 单位类型 品器 提交材料 营业执照', 20, 38);
      g.lineWidth = 1.5;
      g.beginPath();
      g.moveTo(0, 52);
      g.lineTo(700, 52);
      g.stroke();
    });
    expect(findTickBoxes(r, band, 36).map((b) => b.bbox)).toEqual([]);
  });
});
