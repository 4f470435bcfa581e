// GB/T 2260 administrative division codes, with the years each code was in force (lib/identity/data).
import { readFileSync } from 'node:fs';

export interface Area {
  code: string;
  name: string;
  province: string;
  /** First and last year the code was in force, when the list knows them. */
  from?: number;
  to?: number;
}

export class AreaCodes {
  private readonly areas = new Map<string, Area>();
  private readonly provinces = new Map<string, string>();

  constructor(text: string) {
    let province: { code: string; name: string } | null = null;
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      const p = /^(\d{2}) province="(.*)"/.exec(line);
      if (p) {
        province = { code: p[1]!, name: p[2]! };
        this.provinces.set(p[1]!, p[2]!);
        continue;
      }
      const c = /^\s+(\d{4}) county="(?:\[(\d{4})?-(\d{4})?\])?(.*)"/.exec(line);
      if (c && province) {
        const code = province.code + c[1]!;
        const area: Area = { code, name: c[4]!, province: province.name };
        if (c[2]) area.from = Number(c[2]);
        if (c[3]) area.to = Number(c[3]);
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

  static load(): AreaCodes {
    return new AreaCodes(readFileSync(new URL('./data/cn_loc.dat', import.meta.url), 'utf8'));
  }

  province(code2: string): string | undefined {
    return this.provinces.get(code2);
  }

  area(code6: string): Area | undefined {
    return this.areas.get(code6);
  }

  /** Whether the code was in force in a year (unknown bounds count as open). */
  inForce(a: Area, year: number): boolean {
    return (a.from === undefined || year >= a.from) && (a.to === undefined || year <= a.to);
  }
}

let shared: AreaCodes | undefined;
export function areaCodes(): AreaCodes {
  shared ??= AreaCodes.load();
  return shared;
}
