import { Temporal } from '@js-temporal/polyfill';

/**
 * What a typed time says, before any zone or clock gives it a meaning: the words people
 * type for times in every shipped language (en, da, nl, fr) at once, as people write in
 * their own language whatever their Teams locale, and the grammar that reads them.
 * Tables are lower case, NFC; a trailing `.` is dropped before lookup (`dim.`, `søn.`);
 * ASCII spellings (`sondag`, `apres-demain`) are there for keyboards without the letters.
 */

export interface Clock {
  hour: number;
  minute: number;
  second: number;
}

export type Day =
  | { kind: 'offset'; days: number }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date'; date: Temporal.PlainDate };

export type When =
  | { kind: 'instant'; instant: Temporal.Instant }
  | { kind: 'day'; day: Day; clock?: Clock }
  | { kind: 'clock'; clock: Clock }
  | { kind: 'duration'; days: number; minutes: number };

/** Longer text is not a time; the cap also keeps every regex below on a few dozen chars. */
const MAX_WHEN_LENGTH = 64;
const MAX_DURATION_MINUTES = 366 * 24 * 60;

/** `'a b c'` → the set of those words. */
const wordSet = (list: string): ReadonlySet<string> => new Set(list.split(' '));

/** `[[value, 'a|b c']]` → each phrase (it may hold spaces) to its value. */
function phraseMap<V>(groups: readonly (readonly [V, string])[]): ReadonlyMap<string, V> {
  return new Map(groups.flatMap(([value, list]) => list.split('|').map((p) => [p, value])));
}

/**
 * Days named from today: how many days ahead. Dutch "morgen" is tomorrow; in Danish it is
 * "morning", and tomorrow is "i morgen".
 */
const DAY_OFFSETS = phraseMap([
  [0, "today|i dag|idag|vandaag|aujourd'hui|aujourdhui"],
  [1, 'tomorrow|i morgen|imorgen|morgen|demain'],
  [2, 'day after tomorrow|i overmorgen|overmorgen|après-demain|apres-demain|après demain'],
]);

/** Weekdays and their usual abbreviations (en | da | nl | fr) → ISO day, Monday 1. */
const WEEKDAYS = phraseMap([
  [1, 'monday|mon|mandag|man|maandag|ma|lundi|lun'],
  [2, 'tuesday|tue|tues|tirsdag|tir|tirs|dinsdag|di|mardi|mar'],
  [3, 'wednesday|wed|onsdag|ons|woensdag|wo|mercredi|mer'],
  [4, 'thursday|thu|thur|thurs|torsdag|tor|tors|donderdag|do|jeudi|jeu'],
  [5, 'friday|fri|fredag|fre|vrijdag|vr|vrij|vendredi|ven'],
  [6, 'saturday|sat|lørdag|lør|lordag|loerdag|zaterdag|za|zat|samedi|sam'],
  [7, 'sunday|sun|søndag|søn|sondag|soendag|zondag|zo|zon|dimanche|dim'],
]);

/** Before a day: "on sunday", "på søndag", "op zondag". */
const DAY_PREPOSITIONS = wordSet('on på op');

/** Before a clock time: "at 14:00", "kl. 14", "om 14 uur" (Dutch "om" is "at"), "à 14h". */
const CLOCK_PREPOSITIONS = wordSet('at @ kl klokken om à a');
/** Danish "o'clock": after it a bare hour is a time, "kl. 14". */
const HOUR_MARKERS = wordSet('kl klokken');

/**
 * Before a duration from now: "in 2h", "om 2 timer" (Danish "om" is "in"), "over 2 uur",
 * "binnen 2 uur", "dans 2 h". Dutch "om 2 uur" is two o'clock: after `om`, the Dutch hour
 * words are no duration (DUTCH_HOUR_WORDS).
 */
const RELATIVE_PREPOSITIONS = wordSet('in within om over binnen dans');
const DUTCH_HOUR_WORDS = wordSet('u uur');

type DurationUnit = 'day' | 'hour' | 'minute';
const DURATION_UNITS = phraseMap<DurationUnit>([
  ['day', 'd|day|days|dag|dage|dagen|døgn|j|jour|jours'],
  ['hour', 'h|hr|hrs|hour|hours|t|time|timer|u|uur|heure|heures'],
  ['minute', 'm|min|mins|minute|minutes|minut|minutter|minuut|minuten|mn'],
]);
/** "in an hour", "om en time", "over een uur", "dans une heure". */
const ONE_WORDS = wordSet('a an one en et een één un une');
/** "1 hour and 30 minutes", "1 time og 30 minutter", "1 uur en 30 minuten", "1 h et 30". */
const AND_WORDS = wordSet('and og en et');

/**
 * Words that open a deadline clause and are not part of the time: "by 14:00", "due
 * tomorrow 8:00", "inden kl. 14", "senest i morgen", "frist søndag", "voor 14:00",
 * "uiterlijk om 14 uur", "avant 14h", "d'ici demain".
 */
export const DEADLINE_WORDS = wordSet(
  "by due before deadline inden senest frist før voor vóór uiterlijk avant d'ici échéance",
);

/** Words that open a time clause and belong to it: "in 2h", "at 2pm", "kl. 14", "on sunday". */
export const OPENERS: ReadonlySet<string> = new Set([
  ...RELATIVE_PREPOSITIONS,
  ...CLOCK_PREPOSITIONS,
  ...DAY_PREPOSITIONS,
]);

/** Lower case, one space between words, no trailing `.!?;:`; undefined if too long. */
export function normalise(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_WHEN_LENGTH) return undefined;
  const normal = plain(trimmed)
    .replace(/,(?!\d)/g, ' ') // "sunday, 14:00"; "1,5 timer" keeps its decimal comma
    .replace(/\s+/g, ' ')
    .trim();
  return withoutTrailing(normal, '.!?;:') || undefined;
}

/** Lower case, composed accents, one kind of apostrophe (`aujourd’hui`, `d’ici`). */
export function plain(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'");
}

/** "by 14:00" handed over whole: the deadline word is not part of the time. */
export function withoutDeadlineWord(text: string): string {
  const space = text.indexOf(' ');
  return space > 0 && DEADLINE_WORDS.has(text.slice(0, space)) ? text.slice(space + 1) : text;
}

/** What `normalise`d text says, or undefined if it is no time. */
export function readWhen(text: string): When | undefined {
  const words = text.split(' ');
  return readIso(text) ?? readDuration(words) ?? readDayAndClock(words);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function readIso(text: string): When | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  if (m[7] !== undefined) {
    try {
      return { kind: 'instant', instant: Temporal.Instant.from(text.toUpperCase()) };
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  }
  const date = dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (date === undefined) return undefined;
  if (m[4] === undefined) return { kind: 'day', day: { kind: 'date', date } };
  const clock = clockOf(Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return clock && { kind: 'day', day: { kind: 'date', date }, clock };
}

function dateOf(year: number, month: number, day: number): Temporal.PlainDate | undefined {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function clockOf(hour: number, minute: number, second = 0): Clock | undefined {
  return hour <= 23 && minute <= 59 && second <= 59 ? { hour, minute, second } : undefined;
}

/** `in 2h`, `om 90 min`, `over 1 uur en 30 minuten`, `dans 1h30`, `in an hour`. */
function readDuration(words: string[]): When | undefined {
  const [preposition, ...rest] = words;
  if (preposition === undefined || !RELATIVE_PREPOSITIONS.has(preposition)) return undefined;
  // Number and unit apart: "1h30" → 1 h 30, "90min" → 90 min. Each match takes ≥ 1 char.
  const parts = rest.join(' ').match(/\d+(?:[.,]\d+)?|[^\s\d]+/g) ?? [];
  const seen = new Map<DurationUnit, number>();
  let last: DurationUnit | undefined;
  for (let i = 0; i < parts.length;) {
    if (i > 0 && AND_WORDS.has(parts[i]!) && /^\d/.test(parts[i + 1] ?? '')) i++;
    const amountWord = parts[i++]!;
    let amount: number;
    if (/^\d/.test(amountWord)) amount = Number(amountWord.replace(',', '.'));
    else if (ONE_WORDS.has(amountWord)) amount = 1;
    else return undefined;
    const unitWord = withoutTrailing(parts[i] ?? '', '.');
    let unit = DURATION_UNITS.get(unitWord);
    // Dutch "om 2 uur" is two o'clock: leave it to the clock reader.
    if (preposition === 'om' && DUTCH_HOUR_WORDS.has(unitWord)) return undefined;
    if (unit !== undefined) i++;
    // "1h30": a bare number after the hours is minutes.
    else if (i === parts.length && last === 'hour' && Number.isInteger(amount) && amount < 60)
      unit = 'minute';
    else return undefined;
    if (!Number.isFinite(amount) || seen.has(unit)) return undefined;
    seen.set(unit, amount);
    last = unit;
  }
  if (seen.size === 0) return undefined;
  const days = seen.get('day') ?? 0;
  const wholeDays = Math.floor(days);
  const minutes = Math.round(
    (days - wholeDays) * 1440 + (seen.get('hour') ?? 0) * 60 + (seen.get('minute') ?? 0),
  );
  if (wholeDays * 1440 + minutes > MAX_DURATION_MINUTES) return undefined;
  return { kind: 'duration', days: wholeDays, minutes };
}

/** `sunday 02:30`, `i morgen kl. 8`, `14:00 tomorrow`, `2pm on sunday`, `dim.`, `14:00`. */
function readDayAndClock(words: string[]): When | undefined {
  const head = readDay(words, 0);
  if (head !== undefined) {
    if (head.end === words.length) return { kind: 'day', day: head.day };
    const clock = readClock(words.slice(head.end));
    return clock && { kind: 'day', day: head.day, clock };
  }
  for (let start = Math.max(1, words.length - 4); start < words.length; start++) {
    const tail = readDay(words, start);
    const clock = tail?.end === words.length ? readClock(words.slice(0, start)) : undefined;
    if (tail !== undefined && clock !== undefined) return { kind: 'day', day: tail.day, clock };
  }
  const clock = readClock(words);
  return clock && { kind: 'clock', clock };
}

function readDay(words: string[], start: number): { day: Day; end: number } | undefined {
  const from = DAY_PREPOSITIONS.has(words[start] ?? '') ? start + 1 : start;
  for (let n = Math.min(3, words.length - from); n >= 1; n--) {
    const phrase = withoutTrailing(words.slice(from, from + n).join(' '), '.');
    const days = DAY_OFFSETS.get(phrase);
    if (days !== undefined) return { day: { kind: 'offset', days }, end: from + n };
    if (n > 1) continue;
    const weekday = WEEKDAYS.get(phrase);
    if (weekday !== undefined) return { day: { kind: 'weekday', weekday }, end: from + 1 };
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(phrase);
    const date = iso ? dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
    if (date !== undefined) return { day: { kind: 'date', date }, end: from + 1 };
  }
  return undefined;
}

const DIGITAL = /^(\d{1,2})[:.](\d{2})(?: ?(?:uur|u|h))?$/; // 14:00, 14.00, 8:00, 14.00 uur
const MARKED = /^(\d{1,2}) ?(?:h|u|uur|heures?)(?: ?(\d{2}))?$/; // 14h, 2h30, 14u30, 2 uur
const TWELVE_HOUR = /^(\d{1,2})(?:[:.](\d{2}))? ?(a|p)\.?m\.?$/; // 2pm, 2 pm, 2:30 p.m.

function readClock(words: string[]): Clock | undefined {
  const first = withoutTrailing(words[0] ?? '', '.');
  const marked = words.length > 1 && CLOCK_PREPOSITIONS.has(first);
  const text = (marked ? words.slice(1) : words).join(' ');
  const m = DIGITAL.exec(text) ?? MARKED.exec(text);
  if (m) return clockOf(Number(m[1]), Number(m[2] ?? 0));
  const twelve = TWELVE_HOUR.exec(text);
  if (twelve) {
    const hour = Number(twelve[1]);
    if (hour < 1 || hour > 12) return undefined;
    return clockOf((hour % 12) + (twelve[3] === 'p' ? 12 : 0), Number(twelve[2] ?? 0));
  }
  // "kl. 14": Danish says the hour alone after "klokken". A bare "14" elsewhere is no time.
  if (marked && HOUR_MARKERS.has(first) && /^\d{1,2}$/.test(text)) return clockOf(Number(text), 0);
  return undefined;
}

/** `text` without any of `chars` at its end: a loop, as `/[…]+$/` is quadratic on a run. */
export function withoutTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
