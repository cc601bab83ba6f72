import { t } from '../../../shared/i18n';
import { formatInstant } from '../../../shared/time/format';
import { parseWhen } from '../../../shared/time/parse';
import type { Turn } from './types';

/** The deadline as an instant, or the question to ask about it. */
export async function readDeadline(
  { deps, actor, locale }: Pick<Turn, 'deps' | 'actor' | 'locale'>,
  channelId: string,
  whenText: string,
): Promise<string | { problem: string }> {
  const warRoom = await deps.warRooms.findByChannel(actor.tenantId, channelId);
  const timeZone = warRoom?.timeZone ?? 'UTC';
  const when = parseWhen(whenText, { now: deps.clock.now(), timeZone, locale });
  const show = (iso: string) => formatInstant(iso, { timeZone, locale });
  switch (when.kind) {
    case 'ok':
      return when.instant;
    case 'past':
      return { problem: t(locale, 'time.past', { when: whenText }) };
    case 'ambiguous':
      return {
        problem: t(locale, 'time.ambiguous', {
          when: whenText,
          earlier: withOffset(when.earlier, timeZone),
          later: withOffset(when.later, timeZone),
        }),
      };
    case 'nonexistent':
      return {
        problem: t(locale, 'time.nonexistent', {
          when: whenText,
          before: show(when.before),
          after: show(when.after),
        }),
      };
    default:
      return { problem: t(locale, 'time.invalid', { when: whenText.slice(0, 60) }) };
  }
}

/** `2026-10-25T02:30+02:00`: the local time with its offset, which parseWhen reads back. */
function withOffset(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const offset = String(parts.timeZoneName ?? '').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
}
