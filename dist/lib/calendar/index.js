// China working days: weekdays, minus statutory days off, plus make-up working days (调休),
// from the data files in ./data (one a year; a bureau adds the next year's without touching code).
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
const YearFile = z.object({
    year: z.number().int(),
    days: z.array(z.object({ name: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), isOffDay: z.boolean() })),
});
export class WorkingDayCalendar {
    offDays = new Set();
    makeUpDays = new Set();
    years = new Set();
    constructor(files) {
        for (const raw of files) {
            const f = YearFile.parse(raw);
            this.years.add(f.year);
            for (const d of f.days)
                (d.isOffDay ? this.offDays : this.makeUpDays).add(d.date);
        }
    }
    static fromDirectory(dir = new URL('./data/', import.meta.url)) {
        const files = readdirSync(dir)
            .filter((n) => /^\d{4}\.json$/.test(n))
            .map((n) => JSON.parse(readFileSync(new URL(n, dir), 'utf8')));
        return new WorkingDayCalendar(files);
    }
    /** Whether a calendar year has published data (a year without it falls back to weekends only). */
    covers(isoDate) {
        return this.years.has(Number(isoDate.slice(0, 4)));
    }
    isWorkingDay(isoDate) {
        if (this.offDays.has(isoDate))
            return false;
        if (this.makeUpDays.has(isoDate))
            return true;
        const dow = new Date(isoDate + 'T00:00:00Z').getUTCDay();
        return dow !== 0 && dow !== 6;
    }
    /**
     * The latest date that is still N working days before `isoDate`: the N-th working day counted
     * backwards, not counting the date itself (RULES.md §1.4: start Monday 10th, N = 5 → Monday 3rd).
     */
    workingDaysBefore(isoDate, n) {
        let d = new Date(isoDate + 'T00:00:00Z');
        let left = n;
        while (left > 0) {
            d = new Date(d.getTime() - 86_400_000);
            if (this.isWorkingDay(d.toISOString().slice(0, 10)))
                left--;
        }
        return d.toISOString().slice(0, 10);
    }
    /** The N-th working day after `isoDate` (not counting it): a warning's 7 working days to rectify end there. */
    workingDaysAfter(isoDate, n) {
        let d = new Date(isoDate + 'T00:00:00Z');
        let left = n;
        while (left > 0) {
            d = new Date(d.getTime() + 86_400_000);
            if (this.isWorkingDay(d.toISOString().slice(0, 10)))
                left--;
        }
        return d.toISOString().slice(0, 10);
    }
    /** Working days strictly after `from` up to and including `to`'s eve (how many lie between). */
    workingDaysBetween(from, to) {
        let count = 0;
        let d = new Date(from + 'T00:00:00Z');
        const end = new Date(to + 'T00:00:00Z');
        const step = d <= end ? 1 : -1;
        while (true) {
            d = new Date(d.getTime() + step * 86_400_000);
            if ((step > 0 && d >= end) || (step < 0 && d <= end))
                break;
            if (this.isWorkingDay(d.toISOString().slice(0, 10)))
                count++;
        }
        return count;
    }
}
let shared;
export function chinaCalendar() {
    shared ??= WorkingDayCalendar.fromDirectory();
    return shared;
}
/**
 * The China date (UTC+8, no daylight saving) of an instant, YYYY-MM-DD: notices, receipts and deadlines are
 * dated as the bureau's clock reads, whatever the server's time zone.
 */
export function chinaDate(at) {
    const d = typeof at === 'string' ? new Date(at) : at;
    return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
//# sourceMappingURL=index.js.map