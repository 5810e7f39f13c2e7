/**
 * A day or a range of days picked in date inputs ("YYYY-MM-DD", the rep's local time), as epoch
 * milliseconds [start, end]. Either end may be open; a range entered backwards is read forwards.
 */
export interface DayRange {
  start: number;
  end: number;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00`).getTime();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999`).getTime();

export function dayRange(from: string, to: string): DayRange | null {
  const a = from && !Number.isNaN(dayStart(from)) ? from : '';
  const b = to && !Number.isNaN(dayStart(to)) ? to : '';
  if (!a && !b) return null;
  const [first, last] = a && b && a > b ? [b, a] : [a, b];
  return { start: first ? dayStart(first) : -Infinity, end: last ? dayEnd(last) : Infinity };
}

export const inRange = (iso: string, range: DayRange | null) => {
  if (!range) return true;
  const at = Date.parse(iso);
  return at >= range.start && at <= range.end;
};
