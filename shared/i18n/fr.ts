import type { Catalog } from './en';

export const fr: Catalog = {
  'help.text':
    'Je tiens la cellule de crise de ce canal. Commandes : **démarrer** <titre> ouvre une cellule de crise ici ; **incident** <titre> [sev1–sev4] enregistre un incident ; **rôle** @personne <rôle> attribue un rôle (responsable, ingénieur, communication, approbateur, observateur ; le responsable seulement) ; **aide** affiche ce texte.',
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
};
