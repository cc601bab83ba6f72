import { LESSONS_INPUT, VERBS } from '../../shared/cards/actions';
import { LESSONS_MAX } from '../../shared/api/report';
import { t } from '../../shared/i18n';
import type { Lessons } from '../../shared/report/model';
import { formatInstant } from '../../shared/time/format';
import { heading, prose } from './helpCard';
import { clip, literal, noticeBlock } from './literal';
import type { AdaptiveCardJson } from './types';

/** Where the card's buttons lead (bot/teams/commands/report.ts decides). */
export interface ReportLinks {
  /** The report's own addresses: local development only (they need no sign-in there). */
  direct: { html: string; markdown: string } | null;
  /** The Report page of the channel's tab (a Teams deep link), when the app's id is known. */
  tab: string | null;
}

export interface ReportCardView {
  warRoomId: string;
  title: string;
  links: ReportLinks;
  lessons: Lessons | null;
  timeZone: string;
  locale: string;
  notice?: string;
}

/** What the card shows of the lessons above the form; the form holds them whole. */
const PREVIEW = 300;

/**
 * The `report` answer: what the evaluation report holds, links to it, and a "Lessons
 * learned…" form the lead saves (the service refuses anyone else, decision 013).
 */
export function reportCard(v: ReportCardView): AdaptiveCardJson {
  const { locale } = v;
  const { direct, tab } = v.links;
  const actions: Record<string, unknown>[] = [];
  if (tab)
    actions.push({ type: 'Action.OpenUrl', title: t(locale, 'report.card.openTab'), url: tab });
  if (direct) {
    actions.push(
      { type: 'Action.OpenUrl', title: t(locale, 'report.card.html'), url: direct.html },
      { type: 'Action.OpenUrl', title: t(locale, 'report.card.markdown'), url: direct.markdown },
    );
  }
  actions.push({
    type: 'Action.ShowCard',
    title: t(locale, 'report.card.lessons'),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: LESSONS_INPUT,
          label: t(locale, 'report.card.lessonsLabel'),
          isMultiline: true,
          maxLength: LESSONS_MAX,
          value: v.lessons?.text ?? '',
        },
      ],
      actions: [
        {
          type: 'Action.Execute',
          title: t(locale, 'report.card.save'),
          verb: VERBS.reportSaveLessons,
          data: { warRoomId: v.warRoomId },
        },
      ],
    },
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      ...noticeBlock(v.notice),
      heading(t(locale, 'report.card.title')),
      literal([{ text: clip(v.title, 200), weight: 'Bolder' }]),
      prose(t(locale, 'report.card.intro')),
      ...(tab || direct ? [] : [prose(t(locale, 'report.card.inTab'))]),
      ...(v.lessons
        ? [
            literal([{ text: clip(v.lessons.text, PREVIEW), italic: true }]),
            literal([
              {
                text: t(locale, 'report.lessons.by', {
                  by: clip(v.lessons.byName, 40),
                  at: formatInstant(v.lessons.at, { timeZone: v.timeZone, locale }),
                }),
                isSubtle: true,
              },
            ]),
          ]
        : [prose(t(locale, 'report.lessons.none'))]),
    ],
    actions,
  };
}
