import type { Catalog } from './en';

export const nl: Catalog = {
  'help.text':
    'Ik houd de war room van een migratieweekend bij in een teamkanaal. Noem mij daar en schrijf: start <titel> om een war room te openen; incident <titel> [sev1–sev4] om een incident te registreren; rol @persoon <rol> om iemand een rol te geven (leider, technicus, communicatie, goedkeurder, waarnemer; alleen de leider); help voor deze lijst.',
  'help.title': 'Opdrachten van War Room',
  'help.intro.channel':
    'Ik houd de war room van dit kanaal bij: incidenten op kaarten die ze volgen tot ze opgelost zijn, en wie welke rol heeft. Noem mij (@War Room) en schrijf dan een van deze opdrachten.',
  'help.intro.chat':
    'Ik houd de war room van een migratieweekend bij: incidenten op kaarten die ze volgen tot ze opgelost zijn, en wie welke rol heeft. Een war room wordt gestart vanuit een teamkanaal, niet vanuit een chat: voeg mij toe aan het team, noem mij (@War Room) in het kanaal en schrijf dan een van deze opdrachten.',
  'help.example': 'Voorbeeld:',
  'help.start.usage': 'start <titel>',
  'help.start.does':
    'Opent een war room in het kanaal waar de opdracht geschreven wordt; wie hem start, wordt de leider.',
  'help.start.example': 'start Mailboxmigratie weekend',
  'help.incident.usage': 'incident <titel> [sev1–sev4]',
  'help.incident.does':
    'Registreert een incident en plaatst de kaart ervan. Zonder ernst is het sev3.',
  'help.incident.example': 'incident Licenties niet toegewezen sev2',
  'help.role.usage': 'rol @persoon <rol>',
  'help.role.does':
    'Geeft iemand een rol: leider, technicus, communicatie, goedkeurder of waarnemer. Alleen de leider kan dat.',
  'help.role.example': 'rol @Anna goedkeurder',
  'help.help.usage': 'help',
  'help.help.does': 'Toont deze lijst.',
  'help.help.example': 'help',
  'welcome.title': 'Welkom bij War Room',
  'welcome.team':
    'Ik houd de war room van een migratieweekend bij in een kanaal van dit team: incidenten op kaarten die ze volgen tot ze opgelost zijn, rollen voor wie dienst heeft, en een tabblad met het overzicht. Begin door dit te schrijven in het kanaal waar de migratie gevolgd wordt:',
  'welcome.team.next': 'Daarna toont "@War Room help" alle opdrachten.',
  'welcome.personal':
    'Ik houd de war room van een migratieweekend bij: incidenten op kaarten die ze volgen tot ze opgelost zijn, rollen voor wie dienst heeft, en een tabblad met het overzicht. Een war room hoort in een teamkanaal: voeg mij toe aan een team en schrijf dit in het kanaal waar de migratie gevolgd wordt:',
  'welcome.personal.next':
    'Hier in onze chat kan ik alleen uitleggen: typ "help" om alle opdrachten te zien.',
  'warroom.started':
    'War room "{title}" is geopend in dit kanaal. Registreer een incident met "incident <titel> sev2".',
  'warroom.alreadyExists': 'Dit kanaal heeft al een war room: "{title}".',
  'warroom.notStarted': 'Er is nog geen war room in dit kanaal. Start er een met "start <titel>".',
  'warroom.notFound': 'Die war room bestaat niet of u hebt er geen toegang toe.',
  'warroom.titleRequired':
    'Geef de war room een titel, bijvoorbeeld "start Mailboxmigratie weekend".',
  'warroom.titleTooLong': 'Die titel is te lang: houd hem onder {max} tekens.',
  'incident.titleRequired':
    'Zeg wat er misging, bijvoorbeeld "incident Licenties niet toegewezen sev2".',
  'incident.titleTooLong': 'Die titel is te lang: houd hem onder {max} tekens.',
  'incident.notFound': 'Dat incident bestaat niet of u hebt er geen toegang toe.',
  'incident.transitionNotAllowed': 'Een incident met status {from} kan niet naar {to}.',
  'incident.staleCard': 'Iemand heeft dit incident net gewijzigd; zo staat het er nu voor.',
  'incident.otherWarRoom':
    'Deze kaart hoort bij een andere war room; gebruik haar in het eigen kanaal.',
  'incident.cardNotPosted':
    '{ref} is geregistreerd ({title}), maar de kaart kon niet worden geplaatst. Het incident staat in het tabblad.',
  'incident.logged': '{ref} geregistreerd: {title}',
  'command.unknown': 'Ik begreep "{command}" niet. Typ "help" om te zien wat ik kan.',
  'command.onlyInChannel': 'Start een war room vanuit een teamkanaal, niet vanuit een chat.',
  'command.chatHasNoWarRoom':
    'Een chat heeft geen war room: een war room, met zijn incidenten en rollen, hoort in een teamkanaal. Voeg mij toe aan een team en gebruik mij in het kanaal; "help" toont de opdrachten.',
  'error.internal': 'Er ging bij ons iets mis. Probeer het zo opnieuw.',
  'error.unavailable':
    'De war room kan nu niets opslaan (de database antwoordt niet). Teams probeert je bericht misschien opnieuw; verschijnt er binnen een paar minuten niets, stuur het dan opnieuw.',
  'error.unavailableApi':
    'De war room is nu niet bereikbaar (de database antwoordt niet). Probeer het over een minuut opnieuw.',
  'role.whoMissing':
    'Zeg wiens rol je wilt instellen, met een vermelding: "rol @Anna goedkeurder".',
  'role.roleMissing':
    'Zeg welke rol: leider, technicus, communicatie, goedkeurder of waarnemer. Bijvoorbeeld "rol @Anna goedkeurder".',
  'role.assigned': '{name} is nu {role} in deze war room.',
  'role.name.lead': 'leider',
  'role.name.engineer': 'technicus',
  'role.name.comms': 'communicatie',
  'role.name.approver': 'goedkeurder',
  'role.name.observer': 'waarnemer',
  'access.incident.write':
    'Je volgt deze war room als waarnemer: je kunt meelezen, geen incidenten wijzigen.',
  'access.role.assign': 'Alleen de leider van de war room kan rollen toekennen.',
  'access.warroom.read': 'Je bent geen lid van deze war room.',
  'decision.kind.approval': 'Besluit',
  'decision.kind.goNoGo': 'Go/no-go',
  'decision.whoDecides': 'Wie beslist:',
  'decision.askedBy': 'Gevraagd door',
  'decision.rule': 'Regel',
  'decision.rule.any': 'Het eerste antwoord beslist',
  'decision.rule.all': 'Elke goedkeurder moet goedkeuren',
  'decision.deadline': 'Beslissen vóór',
  'decision.decidedAt': 'Besloten',
  'decision.status.pending': 'Wacht op een besluit',
  'decision.status.approved': 'Goedgekeurd',
  'decision.status.rejected': 'Afgewezen',
  'decision.status.expired': 'Verlopen zonder besluit',
  'decision.status.withdrawn': 'Ingetrokken',
  'decision.verdict.approve': 'Goedkeuren',
  'decision.verdict.reject': 'Afwijzen',
  'decision.verdict.go': 'Go',
  'decision.verdict.noGo': 'No-go',
  'decision.recordedBy': 'vastgelegd door',
  'decision.commentPlaceholder': 'Opmerking (optioneel): waarom, voorwaarden…',
  'decision.refresh': 'Vernieuwen',
  'decision.titleRequired':
    'Zeg wat er besloten moet worden, bijvoorbeeld "besluit Nu 40 extra E3-licenties kopen? @Anna".',
  'decision.titleTooLong': 'Die vraag is te lang: houd haar onder {max} tekens.',
  'decision.questionRequired': 'Zeg wat er besloten moet worden.',
  'decision.approversRequired':
    'Vermeld wie beslist, bijvoorbeeld "besluit Nu 40 extra E3-licenties kopen? @Anna".',
  'decision.tooManyApprovers': 'Hoogstens {max} mensen kunnen in één besluitvraag gevraagd worden.',
  'decision.alreadyDecided': '{ref} is al besloten ({status}) door {by}.',
  'decision.notApprover': 'Alleen de genoemde goedkeurders kunnen {ref} beantwoorden.',
  'decision.alreadyAnswered': 'Je hebt {ref} al beantwoord.',
  'decision.changedMeanwhile': '{ref} is zojuist gewijzigd; zo staat het er nu voor.',
  'decision.notFound': 'Die besluitvraag bestaat niet of is niet voor jou zichtbaar.',
  'decision.otherWarRoom':
    'Deze kaart hoort bij een andere war room; gebruik haar in haar eigen kanaal.',
  'access.decision.request': 'Je volgt deze war room als waarnemer: je kunt geen besluiten vragen.',
  'access.decision.record':
    'Alleen de leider van de war room kan een antwoord namens iemand vastleggen.',
  'access.decision.answer':
    'Alleen de genoemde goedkeurders kunnen deze besluitvraag beantwoorden.',
  'help.decide.usage':
    'besluit <vraag> @goedkeurder … [voor <tijd>] [een|iedereen] [vervanger @persoon]',
  'help.decide.does':
    'vraagt de genoemde mensen om een besluit; alleen zij kunnen antwoorden, op de kaart. go-no-go werkt zo voor een checkpoint.',
  'help.decide.example': 'besluit Nu 40 extra E3-licenties kopen? @Anna voor 22:00',
  'time.invalid':
    'Ik kon "{when}" niet als tijd lezen. Probeer "voor 14:00", "voor zondag 02:30" of "over 2 uur".',
  'time.ambiguous':
    '{when} komt die nacht twee keer voor (de klok gaat terug). Schrijf de tijd met verschuiving: {earlier} of {later}.',
  'time.nonexistent':
    '{when} bestaat die nacht niet (de klok gaat vooruit). Kies {before} of {after}.',
  'time.past': '{when} is al voorbij. Geef een tijd die nog komt.',
  'decision.requested': '{ref}: er wordt een besluit gevraagd aan {who}.',
  'decision.reminder': 'Herinnering: {ref} moet besloten zijn vóór {when}. {who}',
  'decision.escalatedTo': '{ref} is zonder besluit over de deadline. {who}, jij kunt nu beslissen.',
  'decision.overdueNoBackup':
    '{ref} is zonder besluit over de deadline. De leider kan een besluit vastleggen; anders verloopt het over 30 minuten.',
  'decision.expiredNotice': '{ref} is verlopen zonder besluit.',
  'action.button.done': 'Klaar',
  'action.button.cancel': 'Annuleren',
  'action.button.reopen': 'Heropenen',
  'action.owner': 'Eigenaar',
  'action.due': 'Deadline',
  'action.status.open': 'Open',
  'action.status.done': 'Klaar',
  'action.status.cancelled': 'Geannuleerd',
  'action.listTitle': 'Open acties: {count}',
  'action.none': 'Geen open acties.',
  'action.created': '{ref} voor {who}',
  'action.titleRequired':
    'Zeg wat er moet gebeuren, bijvoorbeeld "actie Maak de vijf mislukte mailboxen opnieuw aan @Jonas voor 23:00".',
  'action.titleTooLong': 'Die actie is te lang: houd haar onder {max} tekens.',
  'action.ownerRequired':
    'Vermeld wie het doet, bijvoorbeeld "actie Maak de vijf mislukte mailboxen opnieuw aan @Jonas voor 23:00".',
  'action.moveNotAllowed': 'Een actie die {from} is, kan niet {to} worden.',
  'action.staleCard': '{ref} is zojuist gewijzigd; zo staat het er nu voor.',
  'action.notFound': 'Die actie bestaat niet of is niet voor jou zichtbaar.',
  'action.overdue': '{ref} is te laat (deadline {when}). {who}',
  'access.action.write': 'Je volgt deze war room als waarnemer: je kunt geen acties wijzigen.',
  'help.action.usage': 'actie <titel> @eigenaar [voor <tijd>]',
  'help.action.does':
    'geeft iemand een actie met deadline; "acties" toont de open acties met een knop Klaar.',
  'help.action.example': 'actie Maak de vijf mislukte mailboxen opnieuw aan @Jonas voor 23:00',
  'help.actions.usage': 'acties',
  'help.actions.does': 'toont de open acties, de jouwe eerst, elk met een knop Klaar.',
  'help.actions.example': 'acties',
  'error.invalidAction':
    'Deze knop stuurde iets wat ik niet kan gebruiken. Vernieuw de kaart en probeer opnieuw.',
  'error.unauthenticated': 'Meld u opnieuw aan: uw sessie kon niet worden gecontroleerd.',
  'error.tenantNotAllowed': 'Deze organisatie is niet ingericht voor War Room.',
  'error.invalidRequest': 'Het verzoek was ongeldig: {detail}.',
  'card.severity': 'Ernst',
  'card.status': 'Status',
  'card.reporter': 'Gemeld door',
  'card.logged': 'Geregistreerd',
  'card.updated': 'Bijgewerkt',
  'card.action.investigating': 'Onderzoek starten',
  'card.action.mitigated': 'Gemitigeerd',
  'card.action.resolved': 'Oplossen',
  'card.action.reopen': 'Heropenen',
  'status.open': 'Open',
  'status.investigating': 'In onderzoek',
  'status.mitigated': 'Gemitigeerd',
  'status.resolved': 'Opgelost',
  'severity.sev1': 'Sev 1 (kritiek)',
  'severity.sev2': 'Sev 2 (ernstig)',
  'severity.sev3': 'Sev 3 (beperkt)',
  'severity.sev4': 'Sev 4 (laag)',
  'tab.title': 'War Room',
  'tab.warRooms': 'War rooms',
  'tab.noWarRooms': 'Nog geen war rooms. Start er een in een kanaal met "@War Room start <titel>".',
  'tab.noWarRoomInChannel':
    'Nog geen war room in dit kanaal. Start er hier een met "@War Room start <titel>".',
  'tab.incidents': 'Incidenten',
  'tab.noIncidents': 'Geen incidenten geregistreerd. Tot nu toe een rustig weekend.',
  'tab.loading': 'Laden…',
  'tab.loadFailed':
    'De war room kon niet worden geladen. Controleer de verbinding en probeer opnieuw.',
  'tab.retry': 'Opnieuw proberen',
  'tab.column.ref': 'Ref.',
  'tab.column.title': 'Titel',
  'tab.column.severity': 'Ernst',
  'tab.column.status': 'Status',
  'tab.column.reporter': 'Gemeld door',
  'tab.column.logged': 'Geregistreerd',
  'tab.openIncidents': '{count} open',
  'tab.devIdentity': 'Lokale ontwikkelmodus: aangemeld als ontwikkelgebruiker.',
  'phase.planning': 'Planning',
  'phase.rehearsal': 'Generale repetitie',
  'phase.cutover': 'Overgang',
  'phase.hypercare': 'Hypercare',
  'phase.closed': 'Afgesloten',
  'tab.signedInAs': 'Aangemeld als {name}',
  'tab.timesIn': 'Tijden in {zone}',
  'tab.config.heading': 'War Room aan dit kanaal toevoegen',
  'tab.config.inTeams':
    'Het tabblad toont de war room van dit kanaal en de incidenten ervan, actueel gehouden tijdens het weekend. Kies Opslaan om het toe te voegen.',
  'tab.config.outsideTeams':
    'Open deze pagina vanuit Microsoft Teams om War Room als kanaaltabblad toe te voegen.',
};
