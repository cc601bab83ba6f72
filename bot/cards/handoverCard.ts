import { isMessageKey, t } from '../../shared/i18n';
import type { HandoverView } from '../../shared/report/handover';
import { formatInstant } from '../../shared/time/format';
import { heading, prose } from './helpCard';
import { clip, literal } from './literal';
import type { AdaptiveCardJson } from './types';

/** How many of each list the card names; the tab and the report have them all. */
const SHOWN = { changes: 8, perSeverity: 5, decisions: 8, actions: 8 };

/** A signed whole number: +3, −1, 0. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/**
 * The shift handover, in the war room's language: what changed in the window, open
 * incidents by severity, pending decisions and their deadlines, overdue actions, the
 * migration since the last handover. It says that it informs and decides nothing.
 */
export function handoverCard(
  v: HandoverView,
  { timeZone, locale }: { timeZone: string; locale: string },
): AdaptiveCardJson {
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  const more = (total: number, shown: number) =>
    total > shown ? [prose(t(locale, 'handover.more', { count: total - shown }))] : [];
  const section = (key: Parameters<typeof t>[1]) => ({
    ...heading(t(locale, key)),
    size: 'Default',
    separator: true,
    spacing: 'Medium',
  });
  const actionLabel = (action: string) => {
    const key = `report.action.${action}`;
    return isMessageKey(key) ? t(locale, key) : action;
  };
  const m = v.migration;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      heading(t(locale, 'handover.title', { count: v.hours })),
      literal([{ text: clip(v.warRoomTitle, 200), weight: 'Bolder' }]),
      prose(t(locale, 'handover.window', { from: when(v.from), to: when(v.to) })),
      section('handover.changes'),
      ...(v.changes.length === 0
        ? [prose(t(locale, 'handover.noChanges'))]
        : v.changes
            .slice(0, SHOWN.changes)
            .map((c) => literal([{ text: `${actionLabel(c.action)}: ${c.count}` }]))),
      ...more(v.changes.length, SHOWN.changes),
      section('handover.incidents'),
      ...(v.openIncidents.length === 0
        ? [prose(t(locale, 'handover.noIncidents'))]
        : v.openIncidents.flatMap((s) => [
            literal([
              {
                text: `${t(locale, `severity.${s.severity}`)}: ${s.refs.length}`,
                weight: 'Bolder',
              },
            ]),
            ...s.refs
              .slice(0, SHOWN.perSeverity)
              .map((i) => literal([{ text: `${i.ref} · ${clip(i.title, 80)}` }])),
            ...more(s.refs.length, SHOWN.perSeverity),
          ])),
      section('handover.decisions'),
      ...(v.pendingDecisions.length === 0
        ? [prose(t(locale, 'handover.noDecisions'))]
        : v.pendingDecisions.slice(0, SHOWN.decisions).map((d) =>
            literal([
              {
                text: `${d.ref} · ${d.deadline ? when(d.deadline) : t(locale, 'handover.noDeadline')} · ${clip(d.question, 120)}`,
              },
            ]),
          )),
      ...more(v.pendingDecisions.length, SHOWN.decisions),
      section('handover.actions'),
      ...(v.overdueActions.length === 0
        ? [prose(t(locale, 'handover.noActions'))]
        : v.overdueActions.slice(0, SHOWN.actions).map((a) =>
            literal([
              {
                text: `${a.ref} · ${when(a.due)} · ${clip(a.ownerName, 40)} · ${clip(a.title, 80)}`,
              },
            ]),
          )),
      ...more(v.overdueActions.length, SHOWN.actions),
      section('handover.migration'),
      prose(
        t(locale, 'handover.migrationNow', {
          completed: m.completed,
          count: m.items,
          failed: m.failed,
        }),
      ),
      prose(
        m.since
          ? t(locale, 'handover.sinceLast', {
              at: when(m.since.at),
              completed: signed(m.completed - m.since.completed),
              failed: signed(m.failed - m.since.failed),
            })
          : t(locale, 'handover.first'),
      ),
      { ...prose(t(locale, 'handover.informs')), isSubtle: true, separator: true },
    ],
  };
}
