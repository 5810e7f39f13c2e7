import type { BusinessHours } from '#protocol';

/** Is the chat open at `at`, by its weekly hours in its own time zone? No hours means always open. */
export function isOpen(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as keyof BusinessHours['weekly'];
  const time = `${get('hour')}:${get('minute')}`;
  return (hours.weekly[day] ?? []).some((range) => range.from <= time && time < range.to);
}

/** When the chat closes, if it closes within `withinMs` of `now` (to the minute); null otherwise. */
export function closingWithin(hours: BusinessHours | null, now: Date, withinMs: number): Date | null {
  if (!hours || !isOpen(hours, now)) return null;
  const start = Math.floor(now.getTime() / 60_000) * 60_000;
  for (let t = start + 60_000; t <= now.getTime() + withinMs; t += 60_000)
    if (!isOpen(hours, new Date(t))) return new Date(t);
  return null;
}
