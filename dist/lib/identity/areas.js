// GB/T 2260 administrative division codes, with the years each code was in force (lib/identity/data).
import { readFileSync } from 'node:fs';
export class AreaCodes {
    areas = new Map();
    provinces = new Map();
    constructor(text) {
        let province = null;
        for (const line of text.split('\n')) {
            if (line.startsWith('#') || line.trim() === '')
                continue;
            const p = /^(\d{2}) province="(.*)"/.exec(line);
            if (p) {
                province = { code: p[1], name: p[2] };
                this.provinces.set(p[1], p[2]);
                continue;
            }
            const c = /^\s+(\d{4}) county="(?:\[(\d{4})?-(\d{4})?\])?(.*)"/.exec(line);
            if (c && province) {
                const code = province.code + c[1];
                const area = { code, name: c[4], province: province.name };
                if (c[2])
                    area.from = Number(c[2]);
                if (c[3])
                    area.to = Number(c[3]);
                // A code reused over time keeps the widest span we know of.
                const prev = this.areas.get(code);
                if (prev) {
                    area.from = prev.from === undefined || area.from === undefined ? undefined : Math.min(prev.from, area.from);
                    area.to = prev.to === undefined || area.to === undefined ? undefined : Math.max(prev.to, area.to);
                }
                this.areas.set(code, area);
            }
        }
    }
    static load() {
        return new AreaCodes(readFileSync(new URL('./data/cn_loc.dat', import.meta.url), 'utf8'));
    }
    province(code2) {
        return this.provinces.get(code2);
    }
    area(code6) {
        return this.areas.get(code6);
    }
    /** Whether the code was in force in a year (unknown bounds count as open). */
    inForce(a, year) {
        return (a.from === undefined || year >= a.from) && (a.to === undefined || year <= a.to);
    }
}
let shared;
export function areaCodes() {
    shared ??= AreaCodes.load();
    return shared;
}
//# sourceMappingURL=areas.js.map