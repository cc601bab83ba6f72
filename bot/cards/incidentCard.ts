import { VERBS } from '../../shared/cards/actions';
import {
  INCIDENT_TRANSITIONS,
  incidentRef,
  type Incident,
  type IncidentNote,
  type IncidentStatus,
  NOTE_MAX,
} from '../../shared/domain/incident';
import { t, type MessageKey } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';

import { followUpActionForm } from './actionForm';
import { bringPeopleIn } from './bringPeopleIn';
import { clip, literal, noticeBlock } from './literal';
import { peoplePicker } from './peoplePicker';
import type { AdaptiveCardJson } from './types';

export type { AdaptiveCardJson } from './types';

export interface IncidentCardView {
  incident: Incident;
  timeZone: string;
  locale: string;
  /** A sentence shown above the card, e.g. why a click did not apply. */
  notice?: string;
  /** Its notes, oldest first: the card shows the latest few. */
  notes?: readonly IncidentNote[];
  /** User principal names of whom to call about it (owner, else reporter), for Call/Meet. */
  upns?: readonly string[];
}

/** Notes shown on the card, and how much of each; the tab and the report have all of them. */
export const NOTES_ON_CARD = 3;
const NOTE_ON_CARD = 500;

/**
 * The colour of the title line. Only named colours that every Teams theme (light, dark,
 * high contrast) draws readably: 'Warning' is yellow on white in some clients (~1.5:1).
 * Colour is never the only sign of severity: the severity fact says it in words.
 */
const SEVERITY_COLOR = {
  sev1: 'Attention',
  sev2: 'Default',
  sev3: 'Default',
  sev4: 'Default',
} as const;

const ACTION_LABEL: Record<IncidentStatus, MessageKey> = {
  open: 'card.action.reopen',
  investigating: 'card.action.investigating',
  mitigated: 'card.action.mitigated',
  resolved: 'card.action.resolved',
};

/**
 * The incident card: its title line, who reported it, facts, and one Action.Execute button
 * per allowed next status.
 */
export function incidentCard({
  incident,
  timeZone,
  locale,
  notice,
  notes = [],
  upns = [],
}: IncidentCardView): AdaptiveCardJson {
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  const reopening = incident.status === 'resolved' || incident.status === 'mitigated';
  const actions = INCIDENT_TRANSITIONS[incident.status].map((to) => ({
    type: 'Action.Execute',
    title: t(locale, reopening && to === 'investigating' ? 'card.action.reopen' : ACTION_LABEL[to]),
    verb: VERBS.incidentSetStatus,
    data: { incidentId: incident.id, status: to, version: incident.version },
  }));
  const ref = incidentRef(incident.number);
  const shown = notes.slice(-NOTES_ON_CARD);
  const links = bringPeopleIn(upns, `${ref}: ${incident.title}`, locale);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      // Everything a person typed or chose (the title, their name, a notice that may quote
      // a title) is a TextRun, which Teams shows literally. TextBlocks and FactSets render
      // Markdown: a name like "[Approve here](https://…)" would become a link on our card.
      ...noticeBlock(notice),
      literal(
        [{ text: `${ref} · ` }, { text: incident.title }].map((run) => ({
          ...run,
          weight: 'Bolder',
          size: 'Medium',
          color: SEVERITY_COLOR[incident.severity],
        })),
      ),
      ...(incident.reporterName
        ? [
            literal([
              { text: `${t(locale, 'card.reporter')} `, weight: 'Bolder' },
              { text: incident.reporterName },
            ]),
          ]
        : []),
      ...(incident.owner
        ? [
            literal([
              { text: `${t(locale, 'incident.owner')} `, weight: 'Bolder' },
              { text: clip(incident.owner.name, 48) },
            ]),
          ]
        : []),
      {
        type: 'FactSet',
        // Our own words only: fact values render Markdown.
        facts: [
          { title: t(locale, 'card.severity'), value: t(locale, `severity.${incident.severity}`) },
          { title: t(locale, 'card.status'), value: t(locale, `status.${incident.status}`) },
          { title: t(locale, 'card.logged'), value: when(incident.createdAt) },
          ...(incident.updatedAt !== incident.createdAt
            ? [{ title: t(locale, 'card.updated'), value: when(incident.updatedAt) }]
            : []),
        ],
      },
      ...(shown.length > 0
        ? [
            literal([
              {
                text:
                  notes.length > shown.length
                    ? t(locale, 'incident.notesLatest', {
                        shown: shown.length,
                        count: notes.length,
                      })
                    : t(locale, 'incident.notes'),
                weight: 'Bolder',
              },
            ]),
            ...shown.map((n) =>
              literal([
                { text: `${when(n.at)} · ${clip(n.authorName, 48)}: ` },
                { text: clip(n.text, NOTE_ON_CARD) },
              ]),
            ),
          ]
        : []),
      // Call and Meet, then the forms; the card's own buttons are the lifecycle's.
      { type: 'ActionSet', actions: [...links, ...forms(incident, ref, locale)] },
    ],
    actions,
  };
}

/** The forms under the card: name the owner, write a note, give someone a follow-up action. */
function forms(incident: Incident, ref: string, locale: string) {
  return [
    {
      type: 'Action.ShowCard',
      title: t(locale, 'incident.button.owner'),
      card: {
        type: 'AdaptiveCard',
        body: [
          peoplePicker({
            id: 'ownerId',
            label: t(locale, 'incident.ownerPlaceholder'),
            current: incident.owner ?? undefined,
          }),
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: t(locale, 'incident.button.setOwner'),
            verb: VERBS.incidentSetOwner,
            data: { incidentId: incident.id },
          },
        ],
      },
    },
    {
      type: 'Action.ShowCard',
      title: t(locale, 'incident.button.note'),
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.Text',
            id: 'note',
            label: t(locale, 'incident.notes'),
            isMultiline: true,
            maxLength: NOTE_MAX,
            isRequired: true,
            errorMessage: t(locale, 'incident.noteRequired'),
            placeholder: t(locale, 'incident.notePlaceholder'),
          },
        ],
        actions: [
          {
            type: 'Action.Execute',
            title: t(locale, 'incident.button.addNote'),
            verb: VERBS.incidentAddNote,
            data: { incidentId: incident.id },
          },
        ],
      },
    },
    followUpActionForm({ locale, followUpOf: { kind: 'incident', id: incident.id, ref } }),
  ];
}
