import { fileImportData, VERBS } from '../../../shared/cards/actions';
import { isDomainError } from '../../../shared/domain/errors';
import { messageFor, t } from '../../../shared/i18n';
import { sentenceCard } from '../../cards/sentenceCard';
import { ImportRejected } from '../../services/migration';
import { localeOf } from '../activity';
import { fetchFile } from '../commands/fileImport';
import { importedText, rejectedText } from '../fileReplies';
import { cardResponse } from '../invokeResponse';
import { cardAction } from './types';

/**
 * The pick on the "import into which war room?" card: the file comes from the server's own
 * record of the upload (by id, the clicker's only), the war room must be one of theirs, and
 * the card becomes the import's summary or its row report.
 */
export const FILE_IMPORT_CARD_ACTIONS = [
  cardAction({
    verb: VERBS.migrationImportFile,
    schema: fileImportData,
    async handle({ deps, actor, delivery, activity }, { uploadId, warRoomId }) {
      const locale = localeOf(activity);
      const says = (text: string) => cardResponse(sentenceCard(text));
      const upload = deps.fileImports.waiting(actor, uploadId);
      // A redelivered click was answered already; a used or stale upload is gone.
      if (!delivery || !upload) return says(t(locale, 'file.choose.expired'));
      try {
        const { summary, warRoom } = await deps.fileImports.importInto(
          actor,
          warRoomId,
          () => fetchFile(deps, upload.downloadUrl),
          { delivery },
        );
        deps.fileImports.done(uploadId);
        return says(importedText(locale, upload.name, warRoom.title, summary));
      } catch (e) {
        if (e instanceof ImportRejected) return says(rejectedText(locale, e));
        // Refused, not found, a file that cannot be read: said on the card, in their words.
        if (isDomainError(e) && e.kind !== 'conflict') return says(messageFor(locale, e));
        throw e;
      }
    },
  }),
];
