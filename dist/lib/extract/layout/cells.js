/** Otsu's threshold over the raster's ink values: scans with grey paper or faint print differ a lot. */
function inkThreshold(r) {
    const hist = new Float64Array(256);
    for (let i = 0; i < r.ink.length; i += 3)
        hist[r.ink[i]]++;
    const total = hist.reduce((s, v) => s + v, 0);
    let sum = 0;
    for (let t = 0; t < 256; t++)
        sum += t * hist[t];
    let sumB = 0;
    let wB = 0;
    let best = 0;
    let at = 110;
    for (let t = 0; t < 256; t++) {
        wB += hist[t];
        if (wB === 0)
            continue;
        const wF = total - wB;
        if (wF === 0)
            break;
        sumB += t * hist[t];
        const between = wB * wF * (sumB / wB - (sum - sumB) / wF) ** 2;
        if (between > best) {
            best = between;
            at = t;
        }
    }
    return Math.min(140, Math.max(50, at));
}
/** Runs of ink at least minLength long (gaps up to `gap` bridged) along rows (horizontal) or columns, marked in `out`. */
function rules(bin, w, h, horizontal, minLength, gap, out) {
    const outer = horizontal ? h : w;
    const inner = horizontal ? w : h;
    const at = (o, i) => (horizontal ? o * w + i : i * w + o);
    const segments = [];
    const close = (o, start, last) => {
        if (start < 0 || last - start + 1 < minLength)
            return;
        for (let k = start; k <= last; k++)
            out[at(o, k)] = 1;
        segments.push({ at: o, from: start, to: last });
    };
    for (let o = 0; o < outer; o++) {
        let start = -1;
        let last = -1;
        for (let i = 0; i < inner; i++) {
            if (bin[at(o, i)] !== 1)
                continue;
            if (start < 0 || i - last > gap + 1) {
                close(o, start, last);
                start = i;
            }
            last = i;
        }
        close(o, start, last);
    }
    return segments;
}
/**
 * A rule of a table ends on a rule across it. One that stops short in the open was broken — by a seal, a
 * smudge or faint print — so it is carried on to the next rule across, if there is one within reach.
 */
function carryOn(segments, across, w, h, horizontal, reach, out) {
    const inner = horizontal ? w : h;
    const outer = horizontal ? h : w;
    const at = (o, i) => (horizontal ? o * w + i : i * w + o);
    const meets = (o, i) => {
        for (let d = -3; d <= 3; d++) {
            const oo = o + d;
            if (oo >= 0 && oo < outer && i >= 0 && i < inner && across[at(oo, i)])
                return true;
        }
        return false;
    };
    const endsOnRule = (o, i, dir) => {
        for (let k = -4; k <= 4; k++)
            if (meets(o, i + dir * k))
                return true;
        return false;
    };
    const long = Math.max(60, Math.round(inner * 0.08));
    for (const s of segments) {
        // Only a long rule whose other end is anchored on a rule: text, underlines and strokes stay as they are.
        if (s.to - s.from + 1 < long)
            continue;
        const anchored = [endsOnRule(s.at, s.from, -1), endsOnRule(s.at, s.to, 1)];
        if (anchored[0] === anchored[1])
            continue;
        for (const [end, dir] of [[s.from, -1], [s.to, 1]]) {
            if (endsOnRule(s.at, end, dir))
                continue;
            for (let k = 5; k <= reach; k++) {
                const i = end + dir * k;
                if (i < 0 || i >= inner)
                    break;
                if (meets(s.at, i)) {
                    for (let j = 1; j <= k; j++)
                        out[at(s.at, end + dir * j)] = 1;
                    break;
                }
            }
        }
    }
}
/** Values closer than `tolerance` are one edge (a rule is a few pixels thick, cells meet on it). */
function clusterEdges(values, tolerance) {
    const sorted = [...values].sort((a, b) => a - b);
    const out = [];
    for (const v of sorted) {
        const g = out[out.length - 1];
        if (g && v - g[g.length - 1] <= tolerance)
            g.push(v);
        else
            out.push([v]);
    }
    return out.map((g) => g[Math.floor(g.length / 2)]);
}
const nearest = (edges, v) => edges.reduce((best, e, i) => (Math.abs(e - v) < Math.abs(edges[best] - v) ? i : best), 0);
export function detectTables(r) {
    const { width: w, height: h } = r;
    // A rule is a thin line that differs from the paper on both sides: dark on light, or light on a filled
    // (coloured) header. Solid fills themselves are not rules, so a shaded cell stays a cell.
    const contrast = Math.max(28, Math.round(inkThreshold(r) * 0.3));
    const g = r.ink;
    const hThin = new Uint8Array(w * h);
    const vThin = new Uint8Array(w * h);
    for (const k of [2, 3]) {
        for (let y = k; y < h - k; y++) {
            for (let x = k; x < w - k; x++) {
                const i = y * w + x;
                const v = g[i];
                const up = g[i - k * w];
                const down = g[i + k * w];
                if ((v - up > contrast && v - down > contrast) || (up - v > contrast && down - v > contrast))
                    hThin[i] = 1;
                const left = g[i - k];
                const right = g[i + k];
                if ((v - left > contrast && v - right > contrast) || (left - v > contrast && right - v > contrast))
                    vThin[i] = 1;
            }
        }
    }
    // A rule is longer than any stroke of a character: a few percent of the page, and never under 20 px.
    const hLines = new Uint8Array(w * h);
    const vLines = new Uint8Array(w * h);
    const hSegments = rules(hThin, w, h, true, Math.max(20, Math.round(w * 0.025)), 2, hLines);
    const vSegments = rules(vThin, w, h, false, Math.max(20, Math.round(h * 0.02)), 2, vLines);
    const lines = new Uint8Array(w * h);
    for (let i = 0; i < lines.length; i++)
        lines[i] = hLines[i] | vLines[i];
    carryOn(hSegments, vLines, w, h, true, Math.round(w * 0.35), lines);
    carryOn(vSegments, hLines, w, h, false, Math.round(h * 0.2), lines);
    // Thicken by a pixel so that rules meeting at a slant or with a one-pixel break still close a cell.
    const closed = new Uint8Array(lines);
    for (let y = 1; y < h - 1; y++) {
        for (let x = 1; x < w - 1; x++) {
            const i = y * w + x;
            if (lines[i])
                closed[i - 1] = closed[i + 1] = closed[i - w] = closed[i + w] = 1;
        }
    }
    // Regions of paper the rules close off: 4-connected components that do not reach the page's edge.
    const label = new Int32Array(w * h);
    const stack = new Int32Array(w * h);
    const regions = [];
    let next = 1;
    for (let s = 0; s < w * h; s++) {
        if (closed[s] || label[s])
            continue;
        let top = 0;
        stack[top++] = s;
        label[s] = next;
        let x0 = w;
        let y0 = h;
        let x1 = 0;
        let y1 = 0;
        let area = 0;
        let open = false;
        while (top > 0) {
            const i = stack[--top];
            const x = i % w;
            const y = (i - x) / w;
            area++;
            if (x < x0)
                x0 = x;
            if (x > x1)
                x1 = x;
            if (y < y0)
                y0 = y;
            if (y > y1)
                y1 = y;
            if (x === 0 || y === 0 || x === w - 1 || y === h - 1)
                open = true;
            if (x > 0 && !closed[i - 1] && !label[i - 1])
                (label[i - 1] = next), (stack[top++] = i - 1);
            if (x < w - 1 && !closed[i + 1] && !label[i + 1])
                (label[i + 1] = next), (stack[top++] = i + 1);
            if (y > 0 && !closed[i - w] && !label[i - w])
                (label[i - w] = next), (stack[top++] = i - w);
            if (y < h - 1 && !closed[i + w] && !label[i + w])
                (label[i + w] = next), (stack[top++] = i + w);
        }
        next++;
        const bw = x1 - x0 + 1;
        const bh = y1 - y0 + 1;
        // A cell holds at least a character's worth of paper and is mostly paper within its box (not the
        // inside of a glyph, not the gap between two close parallel rules).
        if (!open && bw >= 8 && bh >= 8 && area >= 0.5 * bw * bh && bw * bh < 0.9 * w * h)
            regions.push({ bbox: [x0 - 1, y0 - 1, x1 + 1, y1 + 1], area });
    }
    // Cells that share rules make one table: group boxes that touch (within a rule's thickness).
    const parent = regions.map((_, i) => i);
    const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const touch = 6;
    const order = regions.map((_, i) => i).sort((a, b) => regions[a].bbox[0] - regions[b].bbox[0]);
    for (let a = 0; a < order.length; a++) {
        const A = regions[order[a]].bbox;
        for (let b = a + 1; b < order.length; b++) {
            const B = regions[order[b]].bbox;
            if (B[0] > A[2] + touch)
                break;
            if (B[1] <= A[3] + touch && A[1] <= B[3] + touch)
                parent[find(order[a])] = find(order[b]);
        }
    }
    const groups = new Map();
    regions.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
    const tables = [];
    for (const members of groups.values()) {
        const boxes = members.map((i) => regions[i].bbox);
        const xs = clusterEdges(boxes.flatMap((b) => [b[0], b[2]]), 6);
        const ys = clusterEdges(boxes.flatMap((b) => [b[1], b[3]]), 6);
        const cells = boxes
            .map((b) => {
            const c0 = nearest(xs, b[0]);
            const c1 = nearest(xs, b[2]);
            const r0 = nearest(ys, b[1]);
            const r1 = nearest(ys, b[3]);
            return { bbox: b, row: r0, col: c0, rowSpan: Math.max(1, r1 - r0), colSpan: Math.max(1, c1 - c0) };
        })
            .sort((p, q) => p.row - q.row || p.col - q.col);
        tables.push({
            bbox: [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))],
            rows: Math.max(1, ys.length - 1),
            cols: Math.max(1, xs.length - 1),
            cells,
        });
    }
    return tables.sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
}
//# sourceMappingURL=cells.js.map