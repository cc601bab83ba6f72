import type { Catalog } from './en';

export const fr: Catalog = {
  'help.text':
    "Je tiens la cellule de crise d'un week-end de migration dans un canal d'équipe. Là, mentionnez-moi et écrivez : démarrer <titre> pour ouvrir une cellule de crise ; incident <titre> [sev1–sev4] pour enregistrer un incident ; rôle @personne <rôle> pour attribuer un rôle (responsable, ingénieur, communication, approbateur, observateur ; le responsable seulement) ; aide pour cette liste.",
  'help.title': 'Commandes de War Room',
  'help.intro.channel':
    "Je tiens la cellule de crise de ce canal : les incidents sur des cartes qui les suivent jusqu'à leur résolution, et qui tient quel rôle. Mentionnez-moi (@War Room), puis écrivez l'une de ces commandes.",
  'help.intro.chat':
    "Je tiens la cellule de crise d'un week-end de migration : les incidents sur des cartes qui les suivent jusqu'à leur résolution, et qui tient quel rôle. Une cellule de crise s'ouvre depuis un canal d'équipe, pas depuis une conversation : ajoutez-moi à l'équipe, puis, dans son canal, mentionnez-moi (@War Room) et écrivez l'une de ces commandes.",
  'help.example': 'Exemple :',
  'help.start.usage': 'démarrer <titre>',
  'help.start.does':
    "Ouvre une cellule de crise dans le canal où vous l'écrivez ; vous en devenez le responsable.",
  'help.start.example': 'démarrer Migration des boîtes aux lettres',
  'help.incident.usage': 'incident <titre> [sev1–sev4] [@responsable]',
  'help.incident.does': 'Enregistre un incident et publie sa carte. Sans gravité, il est sev3.',
  'help.incident.example': 'incident Licences non attribuées sev2',
  'help.role.usage': 'rôle @personne <rôle>',
  'help.role.does':
    'Attribue un rôle : responsable, ingénieur, communication, approbateur ou observateur. Le responsable seulement.',
  'help.role.example': 'rôle @Anna approbateur',
  'help.help.usage': 'aide',
  'help.help.does': 'Affiche cette liste.',
  'help.help.example': 'aide',
  'welcome.title': 'Bienvenue dans War Room',
  'welcome.team':
    "Je tiens la cellule de crise d'un week-end de migration dans un canal de cette équipe : les incidents sur des cartes qui les suivent jusqu'à leur résolution, les rôles des personnes d'astreinte, et un onglet avec le tableau de bord. Pour commencer, écrivez ceci dans le canal où la migration sera suivie :",
  'welcome.team.next': 'Ensuite, « @War Room aide » affiche toutes les commandes.',
  'welcome.personal':
    "Je tiens la cellule de crise d'un week-end de migration : les incidents sur des cartes qui les suivent jusqu'à leur résolution, les rôles des personnes d'astreinte, et un onglet avec le tableau de bord. Une cellule de crise vit dans un canal d'équipe : ajoutez-moi à une équipe, puis écrivez ceci dans le canal où la migration sera suivie :",
  'welcome.personal.next':
    "Ici, dans notre conversation, je ne peux qu'expliquer : écrivez « aide » pour voir toutes les commandes.",
  'warroom.started':
    'La cellule de crise « {title} » est ouverte dans ce canal. Enregistrez un incident avec « incident <titre> sev2 ».',
  'warroom.alreadyExists': 'Ce canal a déjà une cellule de crise : « {title} ».',
  'warroom.notStarted':
    "Il n'y a pas encore de cellule de crise dans ce canal. Ouvrez-en une avec « démarrer <titre> ».",
  'warroom.notFound': "Cette cellule de crise n'existe pas ou ne vous est pas accessible.",
  'warroom.titleRequired':
    'Donnez un titre à la cellule de crise, par exemple « démarrer Migration des boîtes aux lettres ».',
  'warroom.titleTooLong': 'Ce titre est trop long : moins de {max} caractères, svp.',
  'incident.titleRequired':
    'Dites ce qui ne va pas, par exemple « incident Licences non attribuées sev2 ».',
  'incident.titleTooLong': 'Ce titre est trop long : moins de {max} caractères, svp.',
  'incident.notFound': "Cet incident n'existe pas ou ne vous est pas accessible.",
  'incident.transitionNotAllowed': 'Un incident au statut {from} ne peut pas passer à {to}.',
  'incident.staleCard': "Quelqu'un vient de modifier cet incident ; voici son état actuel.",
  'incident.otherWarRoom':
    'Cette carte appartient à une autre cellule de crise ; utilisez-la dans son propre canal.',
  'incident.cardNotPosted':
    "{ref} est enregistré ({title}), mais sa carte n'a pas pu être publiée. L'incident figure dans l'onglet.",
  'incident.logged': '{ref} enregistré : {title}',
  'command.unknown':
    "Je n'ai pas compris « {command} ». Tapez « aide » pour voir ce que je sais faire.",
  'command.onlyInChannel':
    "Ouvrez une cellule de crise depuis un canal d'équipe, pas depuis une conversation.",
  'command.chatHasNoWarRoom':
    "Une conversation n'a pas de cellule de crise : une cellule de crise, avec ses incidents et ses rôles, vit dans un canal d'équipe. Ajoutez-moi à une équipe et utilisez-moi dans son canal ; « aide » affiche les commandes.",
  'error.internal': 'Un problème est survenu de notre côté. Réessayez dans un instant.',
  'error.unavailable':
    'La cellule de crise ne peut rien enregistrer pour le moment (sa base de données ne répond pas). Teams renverra peut-être votre message ; si rien n’apparaît d’ici quelques minutes, renvoyez-le.',
  'error.unavailableApi':
    'La cellule de crise est injoignable pour le moment (sa base de données ne répond pas). Réessayez dans une minute.',
  'role.whoMissing':
    'Indiquez de qui définir le rôle, avec une mention : « rôle @Anna approbateur ».',
  'role.roleMissing':
    'Indiquez le rôle : responsable, ingénieur, communication, approbateur ou observateur. Par exemple « rôle @Anna approbateur ».',
  'role.assigned': '{name} est maintenant {role} dans cette cellule de crise.',
  'role.name.lead': 'responsable',
  'role.name.engineer': 'ingénieur',
  'role.name.comms': 'communication',
  'role.name.approver': 'approbateur',
  'role.name.observer': 'observateur',
  'access.incident.write':
    'Vous suivez cette cellule de crise en observateur : vous pouvez la lire, pas modifier les incidents.',
  'access.role.assign': 'Seul le responsable de la cellule de crise peut attribuer des rôles.',
  'access.warroom.read': "Vous n'êtes pas membre de cette cellule de crise.",
  'access.audit.export':
    "Seul le responsable de la cellule de crise peut exporter son journal d'audit : il contient le nom de chacun.",
  'decision.kind.approval': 'Décision',
  'decision.kind.goNoGo': 'Go/no-go',
  'decision.whoDecides': 'Qui décide :',
  'decision.askedBy': 'Demandé par',
  'decision.rule': 'Règle',
  'decision.rule.any': 'La première réponse décide',
  'decision.rule.all': 'Chaque approbateur doit approuver',
  'decision.deadline': 'Décider avant',
  'decision.decidedAt': 'Décidé',
  'decision.status.pending': 'En attente de décision',
  'decision.status.approved': 'Approuvé',
  'decision.status.rejected': 'Refusé',
  'decision.status.expired': 'Expiré sans décision',
  'decision.status.withdrawn': 'Retiré',
  'decision.verdict.approve': 'Approuver',
  'decision.verdict.reject': 'Refuser',
  'decision.verdict.go': 'Go',
  'decision.verdict.noGo': 'No-go',
  'decision.recordedBy': 'enregistré par',
  'decision.commentPlaceholder': 'Commentaire (facultatif) : pourquoi, conditions…',
  'decision.refresh': 'Actualiser',
  'decision.titleRequired':
    'Indiquez ce qui doit être décidé, par exemple « décider Acheter 40 licences E3 de plus ? @Anna ».',
  'decision.titleTooLong': 'Cette question est trop longue : moins de {max} caractères.',
  'decision.questionRequired': 'Indiquez ce qui doit être décidé.',
  'decision.approversRequired':
    'Mentionnez qui décide, par exemple « décider Acheter 40 licences E3 de plus ? @Anna ».',
  'decision.tooManyApprovers':
    'Au plus {max} personnes peuvent être sollicitées dans une demande de décision.',
  'decision.alreadyDecided': '{ref} est déjà décidé ({status}) par {by} le {at}.',
  'decision.alreadyClosed': '{ref} est déjà clos ({status}) depuis le {at}.',
  'decision.notApprover': 'Seuls les approbateurs désignés peuvent répondre à {ref}.',
  'decision.alreadyAnswered': 'Vous avez déjà répondu à {ref}.',
  'decision.changedMeanwhile': '{ref} vient de changer ; voici où il en est.',
  'decision.notFound': "Cette demande de décision n'existe pas ou ne vous est pas accessible.",
  'decision.otherWarRoom':
    'Cette carte appartient à une autre cellule de crise ; utilisez-la dans son propre canal.',
  'access.decision.request':
    'Vous suivez cette cellule de crise en observateur : vous ne pouvez pas demander de décision.',
  'access.decision.record':
    "Seul le responsable de la cellule de crise peut enregistrer une réponse au nom de quelqu'un.",
  'access.decision.answer':
    'Seuls les approbateurs désignés peuvent répondre à cette demande de décision.',
  'help.decide.usage':
    'décider <question> @approbateur … [avant <heure>] [un|tous] [suppléant @personne]',
  'help.decide.does':
    'demande une décision aux personnes citées ; elles seules peuvent répondre, sur la carte. go-no-go fait de même pour un point de contrôle. Seul, décider ouvre un formulaire.',
  'help.decide.example': 'décider Acheter 40 licences E3 de plus ? @Anna avant 22:00',
  'time.invalid':
    'Je n’ai pas pu lire « {when} » comme une heure. Essayez « avant 14:00 », « avant dimanche 02:30 » ou « dans 2 h ».',
  'time.ambiguous':
    '{when} existe deux fois cette nuit-là (on recule l’heure). Écrivez l’heure avec son décalage : {earlier} ou {later}.',
  'time.nonexistent':
    '{when} n’existe pas cette nuit-là (on avance l’heure). Choisissez {before} ou {after}.',
  'time.past': '{when} est déjà passé. Donnez une heure à venir.',
  'decision.requested': '{ref} : une décision est demandée à {who}.',
  'decision.reminder': 'Rappel : {ref} doit être décidé avant {when}. {who}',
  'decision.escalatedTo':
    '{ref} a dépassé son échéance sans décision. {who}, vous pouvez décider maintenant.',
  'decision.overdueNoBackup':
    '{ref} a dépassé son échéance sans décision. Le responsable peut enregistrer une décision ; sinon elle expire dans 30 minutes.',
  'decision.expiredNotice': '{ref} a expiré sans décision.',
  'action.button.done': 'Fait',
  'action.button.cancel': 'Annuler',
  'action.button.reopen': 'Rouvrir',
  'action.owner': 'Responsable',
  'action.due': 'Échéance',
  'action.status.open': 'Ouverte',
  'action.status.done': 'Faite',
  'action.status.cancelled': 'Annulée',
  'action.listTitle': 'Actions ouvertes : {count}',
  'action.none': 'Aucune action ouverte.',
  'action.created': '{ref} pour {who}',
  'action.titleRequired':
    'Indiquez ce qu’il faut faire, par exemple « action Recréer les cinq boîtes en échec @Jonas avant 23:00 ».',
  'action.titleTooLong': 'Cette action est trop longue : moins de {max} caractères.',
  'action.ownerRequired':
    'Mentionnez qui s’en charge, par exemple « action Recréer les cinq boîtes en échec @Jonas avant 23:00 ».',
  'action.moveNotAllowed': 'Une action {from} ne peut pas devenir {to}.',
  'action.staleCard': '{ref} vient de changer ; voici où elle en est.',
  'action.notFound': "Cette action n'existe pas ou ne vous est pas accessible.",
  'action.overdue': '{ref} est en retard (échéance {when}). {who}',
  'action.overduePersonal':
    'Rappel : {ref} « {title} » est en retard (échéance {when}). Marquez-la comme faite sur sa carte, dans la cellule de crise « {room} ».',
  'action.followUpOf': 'Suite de {ref}',
  'action.button.reassign': 'Réattribuer',
  'action.reassign.pick': 'Nouveau responsable',
  'action.reassign.confirm': 'Attribuer',
  'action.reassignClosed':
    '{ref} ({status}) ne peut pas être réattribuée : seule une action ouverte peut l’être.',
  'action.reassigned': '{ref} est maintenant confiée à {who} (réattribuée par {by}).',
  'action.ownerNotInTeam':
    'Cette personne n’est pas membre de cette équipe : elle ne peut pas recevoir d’action ici. Choisissez quelqu’un de l’équipe.',
  'action.form.title': 'Nouvelle action',
  'action.form.followUpTitle': 'Action de suivi pour {ref}',
  'action.form.button': 'Action de suivi…',
  'action.form.what': 'Ce qu’il faut faire',
  'action.form.whatPlaceholder': 'p. ex. Recréer les cinq boîtes en échec',
  'action.form.owner': 'Qui s’en charge',
  'action.form.ownerPlaceholder': 'Chercher un membre de l’équipe',
  'action.form.ownerMissing': 'Choisissez qui s’en charge.',
  'action.form.titleMissing': 'Dites ce qu’il faut faire.',
  'action.form.due': 'Échéance (facultatif)',
  'action.form.duePlaceholder': 'p. ex. 23:00, demain 8:00, dans 2 h',
  'action.form.submit': 'Créer l’action',
  'action.form.created': '{ref} est créée pour {who} ; sa carte est publiée dans ce fil.',
  'action.form.alreadyHandled': 'C’est déjà envoyé ; l’action est publiée dans le fil.',
  'access.action.write':
    'Vous suivez cette cellule de crise en observateur : vous ne pouvez pas modifier les actions.',
  'help.action.usage': 'action <titre> @responsable [avant <heure>]',
  'help.action.does':
    'confie une action avec une échéance (« action » seul ouvre un formulaire) ; « actions » liste celles qui sont ouvertes avec un bouton Fait.',
  'help.action.example': 'action Recréer les cinq boîtes en échec @Jonas avant 23:00',
  'help.actions.usage': 'actions',
  'help.actions.does':
    'liste les actions ouvertes, les vôtres d’abord, chacune avec un bouton Fait.',
  'help.actions.example': 'actions',
  'error.invalidAction':
    'Ce bouton a envoyé des données inutilisables. Actualisez la carte et réessayez.',
  'error.unauthenticated': "Reconnectez-vous : votre session n'a pas pu être vérifiée.",
  'error.tenantNotAllowed': "Cette organisation n'est pas configurée pour War Room.",
  'error.invalidRequest': "La requête n'était pas valide : {detail}.",
  'card.severity': 'Gravité',
  'card.status': 'Statut',
  'card.reporter': 'Signalé par',
  'card.logged': 'Enregistré',
  'card.updated': 'Mis à jour',
  'card.action.investigating': "Commencer l'analyse",
  'card.action.mitigated': 'Marquer atténué',
  'card.action.resolved': 'Résoudre',
  'card.action.reopen': 'Rouvrir',
  'status.open': 'Ouvert',
  'status.investigating': 'En analyse',
  'status.mitigated': 'Atténué',
  'status.resolved': 'Résolu',
  'severity.sev1': 'Sev 1 (critique)',
  'severity.sev2': 'Sev 2 (majeur)',
  'severity.sev3': 'Sev 3 (mineur)',
  'severity.sev4': 'Sev 4 (faible)',
  'tab.title': 'War Room',
  'tab.warRooms': 'Cellules de crise',
  'tab.noWarRooms':
    'Aucune cellule de crise. Ouvrez-en une dans un canal avec « @War Room démarrer <titre> ».',
  'tab.noWarRoomInChannel':
    'Pas encore de cellule de crise dans ce canal. Ouvrez-en une ici avec « @War Room démarrer <titre> ».',
  'tab.incidents': 'Incidents',
  'tab.noIncidents': "Aucun incident enregistré. Un week-end calme jusqu'ici.",
  'tab.loading': 'Chargement…',
  'tab.loadFailed':
    'Impossible de charger la cellule de crise. Vérifiez la connexion et réessayez.',
  'tab.retry': 'Réessayer',
  'tab.column.ref': 'Réf.',
  'tab.column.title': 'Titre',
  'tab.column.severity': 'Gravité',
  'tab.column.status': 'Statut',
  'tab.column.reporter': 'Signalé par',
  'tab.column.logged': 'Enregistré',
  'tab.openIncidents': '{count} ouverts',
  'tab.devIdentity':
    'Mode de développement local : connecté en tant qu’utilisateur de développement.',
  'phase.planning': 'Planification',
  'phase.rehearsal': 'Répétition',
  'phase.cutover': 'Bascule',
  'phase.hypercare': 'Hypercare',
  'phase.closed': 'Clôture',
  'tab.signedInAs': 'Connecté en tant que {name}',
  'tab.timesIn': 'Heures en {zone}',
  'tab.config.heading': 'Ajouter War Room à ce canal',
  'tab.config.inTeams':
    'L’onglet affiche la cellule de crise de ce canal et ses incidents, tenus à jour pendant le week-end. Sélectionnez Enregistrer pour l’ajouter.',
  'tab.config.outsideTeams':
    'Ouvrez cette page depuis Microsoft Teams pour ajouter War Room comme onglet de canal.',
  'tab.live.connecting': 'Connexion…',
  'tab.live.on': 'En direct',
  'tab.live.reconnecting': 'Reconnexion…',
  'tab.live.down':
    'Les mises à jour en direct sont interrompues : l’affichage peut ne plus être à jour. Reconnexion…',
  'error.tooManyStreams':
    'Trop de vues en direct sont ouvertes. Fermez quelques onglets et réessayez.',
  'card.call': 'Appeler',
  'card.meet': 'Réunion',
  'incident.owner': 'Responsable',
  'incident.notes': 'Notes',
  'incident.notesLatest': 'Notes ({shown} plus récentes sur {count})',
  'incident.button.owner': 'Responsable…',
  'incident.ownerPlaceholder': 'Qui pilote cet incident ?',
  'incident.button.setOwner': 'Désigner',
  'incident.button.note': 'Note…',
  'incident.notePlaceholder': "Qu'avez-vous trouvé ou fait ?",
  'incident.button.addNote': 'Ajouter la note',
  'incident.noteRequired':
    'Écrivez la note, par exemple "note INC-4 Licences réattribuées par script".',
  'incident.noteTooLong': 'Cette note est trop longue : restez sous {max} caractères.',
  'incident.noteWhich':
    'Indiquez l\'incident concerné, par exemple "note INC-4 Licences réattribuées par script".',
  'incident.noted': 'Note ajoutée à {ref}.',
  'incident.ownerNotInTeam':
    "Cette personne n'est pas membre de cette équipe et ne peut pas piloter l'incident.",
  'incident.noSuchNumber': "Il n'y a pas de {ref} dans cette cellule de crise.",
  'incident.ownedBy': '{ref} : {who} pilote cet incident.',
  'help.note.usage': 'note INC-<n> <texte>',
  'help.note.does':
    "Ajoute une note à un incident : ce qui a été trouvé ou fait, avec votre nom et l'heure. La carte montre les dernières notes.",
  'help.note.example': 'note INC-4 Licences réattribuées par script, il en reste 12',
  'help.withdraw.usage': 'retirer DEC-<n>',
  'help.withdraw.does':
    "Retire une demande de décision en attente (son auteur ou le responsable). Sa carte l'indique.",
  'help.withdraw.example': 'retirer DEC-3',
  'decision.button.withdraw': 'Retirer',
  'decision.withdrawn': '{ref} est retirée.',
  'decision.withdrawWhich': 'Indiquez la demande à retirer, par exemple "retirer DEC-3".',
  'decision.noSuchNumber': "Il n'y a pas de {ref} dans cette cellule de crise.",
  'access.decision.withdraw': "Seul l'auteur de la demande, ou le responsable, peut la retirer.",
  'decision.button.record': 'Consigner une réponse…',
  'decision.record.intro':
    'Pour le responsable : consigner une réponse donnée hors de Teams (par téléphone, en personne).',
  'decision.record.who': "Qui l'a donnée",
  'decision.record.howPlaceholder': 'Comment, par ex. "par téléphone à Anna"',
  'decision.record.howRequired':
    'Indiquez comment la réponse a été donnée, par exemple "par téléphone".',
  'decision.record.notApprover': 'La personne choisie ne fait pas partie des décideurs de {ref}.',
  'decision.form.title': 'Demander une décision',
  'decision.form.question': 'Que faut-il décider ?',
  'decision.form.approvers': 'Qui décide ?',
  'decision.form.deadline': 'Pour quand ? ex. 14:00, dans 2h, dimanche 02:30 (facultatif)',
  'decision.form.backup': 'Suppléant si personne ne répond à temps (facultatif)',
  'decision.form.submit': 'Demander',
  'decision.form.sent': '{ref} est demandée : la demande est publiée dans cette conversation.',
  'decision.notInTeam':
    "Chaque décideur doit être membre de cette équipe ; une des personnes choisies ne l'est pas.",
  'decision.form.sentAgain':
    'Votre demande est déjà envoyée : elle est publiée dans cette conversation.',
  'decision.record.verdict': 'Réponse',
  'decision.record.how': 'Comment elle a été donnée',
  'decision.earlierAnswers': {
    one: '{count} réponse antérieure est dans l’onglet.',
    many: '{count} réponses antérieures sont dans l’onglet.',
    other: '{count} réponses antérieures sont dans l’onglet.',
  },
  'decision.moreApprovers': 'et {count} de plus',
  'action.moreInTab': {
    one: '{count} autre action ouverte est dans l’onglet.',
    many: '{count} autres actions ouvertes sont dans l’onglet.',
    other: '{count} autres actions ouvertes sont dans l’onglet.',
  },
  'decision.form.kind': 'Type de demande',
  'migration.status.notStarted': 'Pas commencé',
  'migration.status.inProgress': 'En cours',
  'migration.status.synced': 'Synchronisé, en attente de bascule',
  'migration.status.completed': 'Terminé',
  'migration.status.failed': 'En échec',
  'migration.status.stopped': 'Arrêté',
  'migration.card.title': {
    one: 'Migration : {done} % de {count} boîte terminée',
    many: 'Migration : {done} % de {count} boîtes terminées',
    other: 'Migration : {done} % de {count} boîtes terminées',
  },
  'migration.card.frozen': 'Gelées en ce moment',
  'migration.card.lastImport': 'Dernier import',
  'migration.card.never': 'aucun pour l’instant',
  'migration.card.violations': {
    one: '{count} boîte gelée a bougé pendant son gel : voir l’incident.',
    many: '{count} boîtes gelées ont bougé pendant leur gel : voir l’incident.',
    other: '{count} boîtes gelées ont bougé pendant leur gel : voir l’incident.',
  },
  'migration.card.noBatch': 'Sans lot',
  'migration.card.batchLine': '{done} sur {count} terminées, {failed} en échec',
  'migration.card.moreBatches': {
    one: 'et {count} lot de plus dans l’onglet',
    many: 'et {count} lots de plus dans l’onglet',
    other: 'et {count} lots de plus dans l’onglet',
  },
  'migration.card.failures': 'En échec ({count})',
  'migration.card.moreFailures': {
    one: 'et {count} échec de plus dans l’onglet',
    many: 'et {count} échecs de plus dans l’onglet',
    other: 'et {count} échecs de plus dans l’onglet',
  },
  'migration.card.logIncident': 'Créer un incident pour les échecs',
  // Migration status imports (bot/services/migration.ts, bot/http/migrationApi.ts).
  'access.migration.import':
    "Votre rôle dans cette salle de crise ne permet pas d'importer l'état de la migration ; le responsable, les ingénieurs et la communication le peuvent.",
  'access.migration.configure':
    "Seul le responsable de la salle de crise peut gérer les clés d'API et la correspondance des colonnes.",
  'apikey.invalidName':
    'Donnez à la clé un nom de 1 à {max} caractères, par exemple « script de bascule ».',
  'apikey.notFound': "Cette clé d'API n'existe pas dans cette salle de crise.",
  'apikey.otherWarRoom': "Cette clé d'API appartient à une autre salle de crise.",
  'apikey.notForKeys':
    "Une clé d'API permet seulement d'importer et de lire l'état de la migration.",
  'apikey.unauthenticated':
    "Envoyez une clé d'API valide de cette salle de crise : Authorization: Bearer <clé>.",
  'migration.file.rejected':
    "Rien n'a été importé : {count} lignes sont illisibles. Corrigez-les et renvoyez le fichier entier.",
  'migration.file.empty':
    "Le fichier est vide : il faut une ligne d'en-tête et au moins une ligne.",
  'migration.file.tooLarge': 'Le fichier est trop volumineux : {maxMb} Mo au plus.',
  'migration.file.tooManyRows': 'Le fichier a trop de lignes : {max} au plus.',
  'migration.file.missingColumns':
    'Il manque des colonnes au fichier : {missing} (format le plus proche : {format}).',
  'migration.file.malformed':
    'Le fichier ne se lit pas comme un CSV vers la ligne {line} (un guillemet non fermé ?).',
  'migration.file.recordTooLong':
    'La ligne {line} dépasse {max} caractères (un guillemet non fermé ?).',
  'migration.file.contentType':
    'Envoyez l\'export en text/csv, ou les éléments en application/json {"items": [...]}.',
  'migration.row.missingIdentity': 'La boîte aux lettres (identité) manque.',
  'migration.row.invalidIdentity': "« {value} » n'est pas une adresse e-mail valide.",
  'migration.row.missingStatus': 'Le statut manque.',
  'migration.row.unknownStatus':
    'Statut inconnu « {value} » : ajoutez-le aux statuts de la salle de crise.',
  'migration.row.invalidCount': "{column} : « {value} » n'est pas un nombre entier.",
  'migration.row.tooLong': '{column} dépasse {max} caractères.',
  'migration.row.columnCount':
    'Cette ligne a {actual} colonnes au lieu de {expected} (un séparateur sans guillemets ?).',
  'migration.item.invalid': "Un champ de cet élément manque ou n'a pas le bon type : {field}.",
  'freeze.violationTitle': {
    one: 'Une boîte gelée a bougé pendant {refs}',
    many: '{count} boîtes gelées ont bougé pendant {refs}',
    other: '{count} boîtes gelées ont bougé pendant {refs}',
  },
  'freeze.violationNote':
    'Déplacées pendant le gel : {identities}{more}. Vu dans l’import de {by} le {at}.',
  'freeze.violated':
    '{ref} : des boîtes ont bougé pendant un gel ({refs}). {who}, regardez maintenant.',
  'freeze.theLead': 'le responsable',
  'freeze.endBeforeStart': 'Un gel doit finir après son début.',
  'freeze.over': 'Cette fenêtre est déjà terminée.',
  'freeze.usage':
    'Écrivez : geler tag lab-results de sam 18:00 à dim 06:00 <raison> (ou lot <nom>, ou des adresses).',
  'freeze.targetMissing': 'Dites quoi geler : tag <nom>, lot <nom> ou des adresses.',
  'freeze.created': '{ref} : {target} gelé(s) du {from} au {to}.',
  'freeze.target.tag': 'tag {value}',
  'freeze.target.batch': 'lot {value}',
  'freeze.target.identities': {
    one: '{count} boîte',
    many: '{count} boîtes',
    other: '{count} boîtes',
  },
  'help.freeze.usage': 'geler <tag|lot|adresses> de <heure> à <heure> [raison]',
  'help.freeze.does':
    'Immobilise des boîtes pendant un temps (responsable seulement). Un import qui en montre une bouger pendant le gel crée un incident sev1.',
  'help.freeze.example':
    'geler tag lab-results de samedi 18:00 à dimanche 06:00 Bascule du flux labo',
  'help.status.usage': 'statut',
  'help.status.does':
    'Publie la carte d’état de la migration : totaux, lots, échecs, boîtes gelées. Chaque import la met à jour.',
  'help.status.example': 'statut',
  'migration.failuresIncidentTitle': {
    one: 'Une boîte n’a pas pu migrer',
    many: '{count} boîtes n’ont pas pu migrer',
    other: '{count} boîtes n’ont pas pu migrer',
  },
  'migration.failuresIncidentNote': 'En échec : {identities}{more}.',
  'migration.noFailures': 'Aucune boîte en échec : rien à signaler.',
  'freeze.releaseQuestion': 'Libérer {ref} plus tôt (gelé jusqu’au {until}) ?',
  'freeze.released': '{ref} est libéré plus tôt : Go de {by}.',
  'freeze.kept': '{ref} reste gelé : No-go de {by}.',
  'freeze.notFound': 'Il n’y a pas de {ref} dans cette cellule de crise.',
  'freeze.notInForce': '{ref} n’est plus en vigueur : rien à libérer.',
  'freeze.releaseAsked': 'La libération de {ref} est déjà demandée dans {decision}.',
  'freeze.releaseUsage': 'Dites quelle fenêtre et qui décide : "dégeler FRZ-1 @Marianne".',
  'help.unfreeze.usage': 'dégeler FRZ-<n> @approbateur …',
  'help.unfreeze.does':
    'Demande aux personnes citées un go/no-go pour libérer un gel plus tôt : Go le libère, No-go le garde.',
  'help.unfreeze.example': 'dégeler FRZ-1 @Marianne',
  // GDPR duties (decision 022)
  'privacy.forbidden':
    "Seul un administrateur de votre organisation peut exporter ou effacer les données d'une personne.",
  'privacy.notFound': "Rien n'est enregistré sur cette personne dans votre organisation.",
  // Closing, retention, channel language (decision 022)
  'warroom.isClosed':
    "{title} est clôturée : plus aucune modification n'est acceptée. Ses données peuvent encore être lues et exportées jusqu'à leur suppression.",
  'warroom.closedNotice':
    '{title} est clôturée par {by}. Plus rien ne peut être modifié ici ; les données sont conservées {days} jours et supprimées le {purgeOn}.',
  'warroom.retentionSet':
    'Quand cette cellule de crise sera clôturée, ses données seront conservées {days} jours, puis supprimées.',
  'warroom.retentionSetClosed':
    'Les données de cette cellule de crise clôturée sont conservées {days} jours après la clôture : elles seront supprimées le {purgeOn}.',
  'warroom.retentionUsage':
    'Indiquez combien de jours les données sont conservées après la clôture, de {min} à {max} : « conservation 90 ».',
  'warroom.languageSet': 'Les cartes de cette cellule de crise sont désormais en français.',
  'warroom.languageUsage':
    'Indiquez la langue des cartes de la cellule de crise : da, nl, fr ou en (« langue fr »).',
  'access.warroom.close': 'Seul le responsable de la cellule de crise peut la clôturer.',
  'access.warroom.configure':
    'Seul le responsable de la cellule de crise peut modifier la durée de conservation ou la langue.',
};
