// The issuing bureau's red round seal, drawn as vectors: ring, five-pointed star, name on the upper arc.
import { degrees, rgb } from 'pdf-lib';
export const SEAL_RED = rgb(0.86, 0.08, 0.08);
function starPath(cx, cy, r) {
    // SVG path coordinates: y grows downwards from the page point given to drawSvgPath.
    const pts = [];
    for (let i = 0; i < 10; i++) {
        const rr = i % 2 === 0 ? r : r * 0.382;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        pts.push(`${(cx + rr * Math.cos(a)).toFixed(2)} ${(cy + rr * Math.sin(a)).toFixed(2)}`);
    }
    return `M ${pts.join(' L ')} Z`;
}
export function drawSeal(page, o) {
    const r = o.radius ?? 60;
    page.drawCircle({ x: o.cx, y: o.cy, size: r, borderColor: SEAL_RED, borderWidth: r * 0.06, opacity: 0, borderOpacity: 0.85 });
    page.drawSvgPath(starPath(0, 0, r * 0.3), { x: o.cx, y: o.cy, color: SEAL_RED, opacity: 0.85 });
    // Name along the upper arc, from lower left over the top to lower right, each glyph upright to the ring.
    const chars = [...o.name];
    const size = Math.min(r * 0.26, (Math.PI * 1.25 * r * 0.78) / Math.max(chars.length, 1));
    const span = Math.min(Math.PI * 1.3, (chars.length * size * 1.05) / (r * 0.78));
    const textR = r * 0.78;
    chars.forEach((ch, i) => {
        const t = chars.length === 1 ? 0.5 : i / (chars.length - 1);
        const a = Math.PI / 2 + span / 2 - t * span; // radians from +x, counter-clockwise
        const w = o.font.widthOfTextAtSize(ch, size);
        // Glyph baseline is tangent to the circle, glyph top points outwards.
        const rot = a - Math.PI / 2;
        const bx = o.cx + (textR - size * 0.35) * Math.cos(a) - (w / 2) * Math.cos(rot);
        const by = o.cy + (textR - size * 0.35) * Math.sin(a) - (w / 2) * Math.sin(rot);
        page.drawText(ch, { x: bx, y: by, size, font: o.font, color: SEAL_RED, rotate: degrees((rot * 180) / Math.PI), opacity: 0.85 });
    });
    if (o.purpose) {
        const size2 = r * 0.16;
        const w = o.font.widthOfTextAtSize(o.purpose, size2);
        page.drawText(o.purpose, { x: o.cx - w / 2, y: o.cy - r * 0.55, size: size2, font: o.font, color: SEAL_RED, opacity: 0.85 });
    }
}
//# sourceMappingURL=seal.js.map