const INK = 110; // as raster.ts: darker than paper noise and grey background
/** A printed box's edge is a hairline (0.5–1 pt), grey once scanned: counted from a lighter darkness. */
const EDGE = 60;
/** Share of a box's inside (its edges left out) that must be ink for the box to count as ticked. */
const TICKED = 0.06;
/**
 * The box in `region` (pixels) whose side is about `size` (a text line's height): the innermost pair of
 * long vertical strokes and long horizontal strokes that close a square. Null when there is none.
 */
export function findTickBox(r, region, size) {
    const all = findTickBoxes(r, region, size);
    return all[all.length - 1] ?? null; // the nearest the option, which is right of it
}
/** Every tick box in `region` (a text line's band), left to right. */
export function findTickBoxes(r, region, size) {
    const x0 = Math.max(0, Math.floor(region[0]));
    const y0 = Math.max(0, Math.floor(region[1]));
    const x1 = Math.min(r.width, Math.ceil(region[2]));
    const y1 = Math.min(r.height, Math.ceil(region[3]));
    if (x1 - x0 < 6 || y1 - y0 < 6)
        return [];
    const ink = (x, y) => r.ink[y * r.width + x] > EDGE;
    // Longest run of ink down each column and along each row of the region (a stroke may be 1–4 px thick
    // and broken by the scan: a gap of one pixel does not end a run).
    const longest = (n, m, at) => {
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) {
            let run = 0;
            let gap = 0;
            for (let j = 0; j < m; j++) {
                if (at(i, j)) {
                    run += gap + 1;
                    gap = 0;
                }
                else if (run > 0 && gap < 1)
                    gap++;
                else {
                    run = 0;
                    gap = 0;
                }
                if (run > out[i])
                    out[i] = run;
            }
        }
        return out;
    };
    const cols = longest(x1 - x0, y1 - y0, (i, j) => ink(x0 + i, y0 + j));
    const rows = longest(y1 - y0, x1 - x0, (i, j) => ink(x0 + j, y0 + i));
    const min = Math.max(8, size * 0.55);
    const max = size * 1.35;
    const found = [];
    for (let l = 0; l < cols.length; l++) {
        for (let rr = l + Math.ceil(min); rr < cols.length && rr - l <= max; rr++) {
            const side = rr - l;
            if (cols[l] < side * 0.7 || cols[rr] < side * 0.7)
                continue;
            // Horizontal edges that span the pair of verticals, about as far apart as the box is wide.
            const spans = (y) => {
                let n = 0;
                for (let x = x0 + l; x <= x0 + rr; x++)
                    if (ink(x, y) || (y > 0 && ink(x, y - 1)) || (y + 1 < r.height && ink(x, y + 1)))
                        n++;
                return n >= side * 0.8;
            };
            const tops = [];
            for (let y = 0; y < rows.length; y++)
                if (rows[y] >= side * 0.7 && spans(y0 + y))
                    tops.push(y);
            for (const t of tops) {
                const b = tops.find((y) => y - t >= Math.max(min, side * 0.8) && y - t <= side * 1.25);
                if (b === undefined)
                    continue;
                found.push([x0 + l, y0 + t, x0 + rr, y0 + b]);
            }
        }
    }
    // A box sits on the text's line (one whose middle is off it is made of a rule and a stroke), and stands
    // alone: the ring just outside it is paper, but where a tick runs out of it. A square inside a
    // character (the 口 of 培) has the character's other strokes around it.
    const middle = (y0 + y1) / 2;
    const onLine = found.filter((b) => Math.abs((b[1] + b[3]) / 2 - middle) <= size * 0.35 && ringShare(r, b) < 0.15 && !onRule(r, b));
    // Of boxes that overlap, the largest: a tick's strokes inside a box make smaller squares with its edges.
    const area = (b) => (b[2] - b[0]) * (b[3] - b[1]);
    const kept = [];
    for (const b of onLine.sort((a, c) => area(c) - area(a))) {
        if (!kept.some((k) => b[0] < k[2] && k[0] < b[2] && b[1] < k[3] && k[1] < b[3]))
            kept.push(b);
    }
    // A form's boxes on one line are one size; squares smaller than the largest are parts of characters.
    const largest = Math.max(0, ...kept.map((b) => b[2] - b[0]));
    return kept
        .filter((b) => b[2] - b[0] >= largest * 0.8)
        .sort((a, b) => a[0] - b[0])
        .map((b) => judge(r, b));
}
/**
 * Whether an edge of the box runs on past both its corners: a table's rule with a character's strokes
 * standing on it, not a box.
 */
function onRule(r, [bx0, by0, bx1, by1]) {
    const dark = (x, y) => x >= 0 && y >= 0 && x < r.width && y < r.height && [-1, 0, 1].some((d) => r.ink[(y + d) * r.width + x] > EDGE || r.ink[y * r.width + x + d] > EDGE);
    const runsOn = (xs, ys) => xs.filter((x, i) => dark(x, ys[i])).length >= 3;
    for (const y of [by0, by1])
        if (runsOn([bx0 - 3, bx0 - 4, bx0 - 5, bx0 - 6], [y, y, y, y]) && runsOn([bx1 + 3, bx1 + 4, bx1 + 5, bx1 + 6], [y, y, y, y]))
            return true;
    for (const x of [bx0, bx1])
        if (runsOn([x, x, x, x], [by0 - 3, by0 - 4, by0 - 5, by0 - 6]) && runsOn([x, x, x, x], [by1 + 3, by1 + 4, by1 + 5, by1 + 6]))
            return true;
    return false;
}
/** The share of ink (strokes, not hairlines) in a ring 2–5 px outside a box. */
function ringShare(r, [bx0, by0, bx1, by1]) {
    let marked = 0;
    let all = 0;
    for (let y = by0 - 5; y <= by1 + 5; y++) {
        for (let x = bx0 - 5; x <= bx1 + 5; x++) {
            if (x < 0 || y < 0 || x >= r.width || y >= r.height)
                continue;
            const out = Math.max(bx0 - x, x - bx1, by0 - y, y - by1);
            if (out < 2)
                continue;
            all++;
            if (r.ink[y * r.width + x] > INK)
                marked++;
        }
    }
    return all ? marked / all : 1;
}
/** Whether the box holds a mark: ink inside it, its edges left out. */
function judge(r, box) {
    const ink = (x, y) => r.ink[y * r.width + x] > INK;
    const [bx0, by0, bx1, by1] = box;
    // Inside the box, its edges (and their blur) left out.
    const inset = Math.max(2, Math.round((bx1 - bx0) * 0.18));
    let marked = 0;
    let area = 0;
    for (let y = by0 + inset; y <= by1 - inset; y++) {
        for (let x = bx0 + inset; x <= bx1 - inset; x++) {
            area++;
            if (ink(x, y))
                marked++;
        }
    }
    const share = area > 0 ? marked / area : 0;
    // Sure when the mark is clearly there or clearly not; doubtful near the threshold.
    const confidence = Math.round(Math.min(0.99, 0.5 + Math.abs(share - TICKED) / (2 * TICKED)) * 1000) / 1000;
    return { bbox: box, checked: share > TICKED, confidence };
}
//# sourceMappingURL=tick-box.js.map