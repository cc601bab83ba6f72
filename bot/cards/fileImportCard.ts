import { VERBS } from '../../shared/cards/actions';
import { t } from '../../shared/i18n';
import { clip, literal } from './literal';
import type { AdaptiveCardJson } from './types';

export interface ChooseWarRoomView {
  uploadId: string;
  fileName: string;
  warRooms: readonly { id: string; title: string }[];
  locale: string;
}

/** Most war rooms offered; a person in more than this picks among their newest. */
export const CHOICES_MAX = 25;

/**
 * "Import users.csv into which war room?": a choice of the sender's war rooms and one
 * button. The button carries the upload's id; the file stays on the server.
 */
export function chooseWarRoomCard(view: ChooseWarRoomView): AdaptiveCardJson {
  const { uploadId, fileName, warRooms, locale } = view;
  const [first] = warRooms;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      literal([{ text: t(locale, 'file.choose.title', { name: clip(fileName, 120) }) }]),
      {
        type: 'Input.ChoiceSet',
        id: 'warRoomId',
        style: 'expanded',
        isRequired: true,
        errorMessage: t(locale, 'file.choose.required'),
        label: t(locale, 'file.choose.label'),
        ...(first ? { value: first.id } : {}),
        choices: warRooms
          .slice(0, CHOICES_MAX)
          .map((w) => ({ title: clip(w.title, 120), value: w.id })),
      },
    ],
    actions: [
      {
        type: 'Action.Execute',
        title: t(locale, 'file.choose.button'),
        verb: VERBS.migrationImportFile,
        data: { uploadId },
      },
    ],
  };
}
