import { VERBS } from '../../shared/cards/actions';
import {
  INCIDENT_TRANSITIONS,
  incidentRef,
  type Incident,
  type IncidentStatus,
} from '../../shared/domain/incident';
import { t, type MessageKey } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';

import { literal } from './literal';
import type { AdaptiveCardJson } from './types';

export type { AdaptiveCardJson } from './types';

export interface IncidentCardView {
  incident: Incident;
  timeZone: string;
  locale: string;
  /** A sentence shown above the card, e.g. why a click did not apply. */
  notice?: string;
}

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
}: IncidentCardView): AdaptiveCardJson {
  const when = (iso: string) => formatInstant(iso, { timeZone, locale });
  const reopening = incident.status === 'resolved' || incident.status === 'mitigated';
  const actions = INCIDENT_TRANSITIONS[incident.status].map((to) => ({
    type: 'Action.Execute',
    title: t(locale, reopening && to === 'investigating' ? 'card.action.reopen' : ACTION_LABEL[to]),
    verb: VERBS.incidentSetStatus,
    data: { incidentId: incident.id, status: to, version: incident.version },
  }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      // Everything a person typed or chose (the title, their name, a notice that may quote
      // a title) is a TextRun, which Teams shows literally. TextBlocks and FactSets render
      // Markdown: a name like "[Approve here](https://…)" would become a link on our card.
      ...(notice
        ? [{ type: 'Container', style: 'emphasis', items: [literal([{ text: notice }])] }]
        : []),
      literal(
        [{ text: `${incidentRef(incident.number)} · ` }, { text: incident.title }].map((run) => ({
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
    ],
    actions,
  };
}
