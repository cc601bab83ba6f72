import { VERBS } from '../../shared/cards/actions';
import {
  INCIDENT_TRANSITIONS,
  incidentRef,
  type Incident,
  type IncidentStatus,
} from '../../shared/domain/incident';
import { t, type MessageKey } from '../../shared/i18n';
import { formatInstant } from '../../shared/time/format';

/** An Adaptive Card as plain JSON (what Teams receives). */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export interface IncidentCardView {
  incident: Incident;
  timeZone: string;
  locale: string;
  /** A sentence shown above the card, e.g. why a click did not apply. */
  notice?: string;
}

const SEVERITY_COLOR = {
  sev1: 'Attention',
  sev2: 'Warning',
  sev3: 'Accent',
  sev4: 'Default',
} as const;

const ACTION_LABEL: Record<IncidentStatus, MessageKey> = {
  open: 'card.action.reopen',
  investigating: 'card.action.investigating',
  mitigated: 'card.action.mitigated',
  resolved: 'card.action.resolved',
};

/** The incident card: facts, and one Action.Execute button per allowed next status. */
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
      ...(notice
        ? [{ type: 'TextBlock', text: notice, wrap: true, isSubtle: true, color: 'Warning' }]
        : []),
      {
        // A TextRun shows text literally: a title typed as "[Reset password](https://…)"
        // must not become a link that seems to come from the bot. TextBlocks render Markdown.
        type: 'RichTextBlock',
        inlines: [`${incidentRef(incident.number)} · `, incident.title].map((text) => ({
          type: 'TextRun',
          text,
          weight: 'Bolder',
          size: 'Medium',
          color: SEVERITY_COLOR[incident.severity],
        })),
      },
      {
        type: 'FactSet',
        facts: [
          { title: t(locale, 'card.severity'), value: t(locale, `severity.${incident.severity}`) },
          { title: t(locale, 'card.status'), value: t(locale, `status.${incident.status}`) },
          { title: t(locale, 'card.reporter'), value: incident.reporterName },
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
