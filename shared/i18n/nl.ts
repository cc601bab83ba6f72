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
  'help.incident.usage': 'incident <titel> [sev1–sev4] [@eigenaar]',
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
  'access.audit.export':
    'Alleen de leider van de war room kan de auditlog exporteren: die bevat ieders naam.',
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
  'decision.alreadyDecided': '{ref} is al besloten ({status}) door {by} op {at}.',
  'decision.alreadyClosed': '{ref} is al afgesloten ({status}) sinds {at}.',
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
    'vraagt de genoemde mensen om een besluit; alleen zij kunnen antwoorden, op de kaart. go-no-go werkt zo voor een checkpoint. Zonder meer opent besluit een formulier.',
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
  'action.overduePersonal':
    'Herinnering: {ref} "{title}" is te laat (deadline was {when}). Zet hem op klaar via de kaart in de war room "{room}".',
  'action.followUpOf': 'Vervolg op {ref}',
  'action.button.reassign': 'Overdragen',
  'action.reassign.pick': 'Nieuwe eigenaar',
  'action.reassign.confirm': 'Toewijzen',
  'action.reassignClosed':
    '{ref} ({status}) kan niet worden overgedragen: dat kan alleen bij een open actie.',
  'action.reassigned': '{ref} ligt nu bij {who} (overgedragen door {by}).',
  'action.ownerNotInTeam':
    'Die persoon is geen lid van dit team en kan hier dus geen actie krijgen. Kies iemand uit het team.',
  'action.form.title': 'Nieuwe actie',
  'action.form.followUpTitle': 'Vervolgactie voor {ref}',
  'action.form.button': 'Vervolgactie…',
  'action.form.what': 'Wat moet er gebeuren',
  'action.form.whatPlaceholder': 'bijv. Maak de vijf mislukte mailboxen opnieuw aan',
  'action.form.owner': 'Wie doet het',
  'action.form.ownerPlaceholder': 'Zoek een teamlid',
  'action.form.ownerMissing': 'Kies wie het doet.',
  'action.form.titleMissing': 'Zeg wat er moet gebeuren.',
  'action.form.due': 'Deadline (optioneel)',
  'action.form.duePlaceholder': 'bijv. 23:00, morgen 8:00, over 2 uur',
  'action.form.submit': 'Actie aanmaken',
  'action.form.created': '{ref} is aangemaakt voor {who}; de kaart staat in deze thread.',
  'action.form.alreadyHandled': 'Dit is al verstuurd; de actie staat in de thread.',
  'access.action.write': 'Je volgt deze war room als waarnemer: je kunt geen acties wijzigen.',
  'help.action.usage': 'actie <titel> @eigenaar [voor <tijd>]',
  'help.action.does':
    'geeft iemand een actie met deadline ("actie" alleen opent een formulier); "acties" toont de open acties met een knop Klaar.',
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
  'tab.live.connecting': 'Verbinden…',
  'tab.live.on': 'Live',
  'tab.live.reconnecting': 'Opnieuw verbinden…',
  'tab.live.down':
    'Live-updates zijn onderbroken, dus wat u ziet is mogelijk verouderd. Opnieuw verbinden…',
  'error.tooManyStreams':
    'Er zijn te veel live-weergaven open. Sluit enkele tabbladen en probeer het opnieuw.',
  'card.call': 'Bellen',
  'card.meet': 'Vergaderen',
  'incident.owner': 'Eigenaar',
  'incident.notes': 'Notities',
  'incident.notesLatest': 'Notities (laatste {shown} van {count})',
  'incident.button.owner': 'Eigenaar…',
  'incident.ownerPlaceholder': 'Wie pakt dit incident op?',
  'incident.button.setOwner': 'Maak eigenaar',
  'incident.button.note': 'Notitie…',
  'incident.notePlaceholder': 'Wat heb je gevonden of gedaan?',
  'incident.button.addNote': 'Notitie toevoegen',
  'incident.noteRequired':
    'Schrijf de notitie, bijvoorbeeld "notitie INC-4 Licenties opnieuw toegewezen met een script".',
  'incident.noteTooLong': 'Die notitie is te lang: houd het onder {max} tekens.',
  'incident.noteWhich':
    'Zeg voor welk incident de notitie is, bijvoorbeeld "notitie INC-4 Licenties opnieuw toegewezen met een script".',
  'incident.noted': 'Notitie toegevoegd aan {ref}.',
  'incident.ownerNotInTeam':
    'Die persoon is geen lid van dit team en kan het incident niet oppakken.',
  'incident.noSuchNumber': 'Er is geen {ref} in deze war room.',
  'incident.ownedBy': '{ref}: {who} pakt dit incident op.',
  'help.note.usage': 'notitie INC-<n> <tekst>',
  'help.note.does':
    'Voegt een notitie toe aan een incident: wat gevonden of gedaan is, met je naam en de tijd. De kaart toont de laatste notities.',
  'help.note.example': 'notitie INC-4 Licenties opnieuw toegewezen met een script, nog 12',
  'help.withdraw.usage': 'intrekken DEC-<n>',
  'help.withdraw.does':
    'Trekt een openstaand besluitverzoek in (wie het vroeg, of de leider). De kaart laat het zien.',
  'help.withdraw.example': 'intrekken DEC-3',
  'decision.button.withdraw': 'Intrekken',
  'decision.withdrawn': '{ref} is ingetrokken.',
  'decision.withdrawWhich': 'Zeg welk verzoek je intrekt, bijvoorbeeld "intrekken DEC-3".',
  'decision.noSuchNumber': 'Er is geen {ref} in deze war room.',
  'access.decision.withdraw':
    'Alleen wie het vroeg, of de leider, kan een besluitverzoek intrekken.',
  'decision.button.record': 'Besluit vastleggen…',
  'decision.record.intro':
    'Voor de leider: leg een besluit vast dat buiten Teams is gegeven (telefonisch, persoonlijk).',
  'decision.record.who': 'Wie gaf het',
  'decision.record.howPlaceholder': 'Hoe het gegeven is, bijv. "telefonisch aan Anna"',
  'decision.record.howRequired': 'Zeg hoe het besluit gegeven is, bijvoorbeeld "telefonisch".',
  'decision.record.notApprover': 'De gekozen persoon is niet een van de beslissers van {ref}.',
  'decision.form.title': 'Vraag om een besluit',
  'decision.form.question': 'Wat moet er besloten worden?',
  'decision.form.approvers': 'Wie beslist?',
  'decision.form.deadline': 'Wanneer? bijv. 14:00, over 2u, zondag 02:30 (optioneel)',
  'decision.form.backup': 'Vervanger als niemand op tijd antwoordt (optioneel)',
  'decision.form.submit': 'Vragen',
  'decision.form.sent': '{ref} is gevraagd: het verzoek staat in dit gesprek.',
  'decision.notInTeam':
    'Iedereen die beslist moet lid zijn van dit team; een van de gekozen personen is dat niet.',
  'decision.form.sentAgain': 'Je verzoek is al verstuurd: het staat in dit gesprek.',
  'decision.record.verdict': 'Besluit',
  'decision.record.how': 'Hoe het gegeven is',
  'decision.earlierAnswers': {
    one: '{count} eerder antwoord staat in het tabblad.',
    other: '{count} eerdere antwoorden staan in het tabblad.',
  },
  'decision.moreApprovers': 'en nog {count}',
  'action.moreInTab': {
    one: 'Nog {count} open actie staat in het tabblad.',
    other: 'Nog {count} open acties staan in het tabblad.',
  },
  'decision.form.kind': 'Soort verzoek',
  'migration.status.notStarted': 'Niet gestart',
  'migration.status.inProgress': 'Bezig',
  'migration.status.synced': 'Gesynchroniseerd, wacht op overstap',
  'migration.status.completed': 'Voltooid',
  'migration.status.failed': 'Mislukt',
  'migration.status.stopped': 'Gestopt',
  'migration.card.title': {
    one: 'Migratie: {done}% van {count} mailbox voltooid',
    other: 'Migratie: {done}% van {count} mailboxen voltooid',
  },
  'migration.card.frozen': 'Nu bevroren',
  'migration.card.lastImport': 'Laatste import',
  'migration.card.never': 'nog geen',
  'migration.card.violations': {
    one: '{count} bevroren mailbox bewoog binnen zijn bevriezingsvenster: zie het incident.',
    other: '{count} bevroren mailboxen bewogen binnen hun bevriezingsvenster: zie het incident.',
  },
  'migration.card.noBatch': 'Zonder batch',
  'migration.card.batchLine': '{done} van {count} voltooid, {failed} mislukt',
  'migration.card.moreBatches': {
    one: 'en nog {count} batch in het tabblad',
    other: 'en nog {count} batches in het tabblad',
  },
  'migration.card.failures': 'Mislukt ({count})',
  'migration.card.moreFailures': {
    one: 'en nog {count} mislukte in het tabblad',
    other: 'en nog {count} mislukte in het tabblad',
  },
  'migration.card.logIncident': 'Incident aanmaken voor de mislukte',
  // Migration status imports (bot/services/migration.ts, bot/http/migrationApi.ts).
  'access.migration.import':
    'Met uw rol in deze war room kunt u geen migratiestatus importeren; de leider, engineers en communicatie kunnen dat wel.',
  'access.migration.configure':
    'Alleen de leider van de war room kan API-sleutels en de kolomtoewijzing beheren.',
  'apikey.invalidName': 'Geef de sleutel een naam van 1 tot {max} tekens, bijv. "cutover-script".',
  'apikey.notFound': 'Deze API-sleutel bestaat niet in deze war room.',
  'apikey.otherWarRoom': 'Deze API-sleutel hoort bij een andere war room.',
  'apikey.notForKeys': 'Met een API-sleutel kunt u alleen migratiestatus importeren en lezen.',
  'apikey.unauthenticated':
    'Stuur een geldige API-sleutel van deze war room: Authorization: Bearer <sleutel>.',
  'migration.file.rejected':
    'Er is niets geïmporteerd: {count} rijen zijn niet leesbaar. Verbeter ze en stuur het hele bestand opnieuw.',
  'migration.file.empty': 'Het bestand is leeg: het heeft een kopregel en minstens één rij nodig.',
  'migration.file.tooLarge': 'Het bestand is te groot: hoogstens {maxMb} MB.',
  'migration.file.tooManyRows': 'Het bestand heeft te veel rijen: hoogstens {max}.',
  'migration.file.missingColumns':
    'Het bestand mist kolommen: {missing} (dichtstbijzijnde indeling: {format}).',
  'migration.file.malformed':
    'Het bestand is niet als CSV te lezen rond regel {line} (een aanhalingsteken niet gesloten?).',
  'migration.file.recordTooLong':
    'De rij op regel {line} is langer dan {max} tekens (een aanhalingsteken niet gesloten?).',
  'migration.file.contentType':
    'Stuur de export als text/csv, of de items als application/json {"items": [...]}.',
  'migration.row.missingIdentity': 'De mailbox (identiteit) ontbreekt.',
  'migration.row.invalidIdentity': '"{value}" is geen geldig e-mailadres.',
  'migration.row.missingStatus': 'De status ontbreekt.',
  'migration.row.unknownStatus':
    'Onbekende status "{value}": voeg hem toe aan de statuswoorden van de war room.',
  'migration.row.invalidCount': '{column}: "{value}" is geen geheel getal.',
  'migration.row.tooLong': '{column} is langer dan {max} tekens.',
  'migration.row.columnCount':
    'Deze rij heeft {actual} kolommen in plaats van {expected} (een scheidingsteken zonder aanhalingstekens?).',
  'migration.item.invalid':
    'Dit item heeft een veld dat ontbreekt of het verkeerde type heeft: {field}.',
  'freeze.violationTitle': {
    one: 'Een bevroren mailbox bewoog tijdens {refs}',
    other: '{count} bevroren mailboxen bewogen tijdens {refs}',
  },
  'freeze.violationNote':
    'Bewogen binnen het bevriezingsvenster: {identities}{more}. Gezien in de import van {by} op {at}.',
  'freeze.violated':
    '{ref}: mailboxen bewogen binnen een bevriezingsvenster ({refs}). {who}, kijk er nu naar.',
  'freeze.theLead': 'de leider',
  'freeze.endBeforeStart': 'Een bevriezing moet eindigen nadat ze begint.',
  'freeze.over': 'Dat venster is al voorbij.',
  'freeze.usage':
    'Schrijf het zo: bevries tag lab-results van za 18:00 tot zo 06:00 <reden> (of batch <naam>, of mailboxadressen).',
  'freeze.targetMissing': 'Zeg wat bevroren wordt: tag <naam>, batch <naam> of mailboxadressen.',
  'freeze.created': '{ref}: {target} bevroren van {from} tot {to}.',
  'freeze.target.tag': 'tag {value}',
  'freeze.target.batch': 'batch {value}',
  'freeze.target.identities': { one: '{count} mailbox', other: '{count} mailboxen' },
  'help.freeze.usage': 'bevries <tag|batch|adressen> van <tijd> tot <tijd> [reden]',
  'help.freeze.does':
    'Houdt mailboxen een tijd stil (alleen de leider). Een import die er een ziet bewegen binnen het venster, maakt een sev1-incident.',
  'help.freeze.example':
    'bevries tag lab-results van zaterdag 18:00 tot zondag 06:00 Labfeed wordt omgezet',
  'help.status.usage': 'status',
  'help.status.does':
    'Plaatst de migratiestatuskaart: totalen, batches, mislukte, bevroren mailboxen. Elke import werkt ze bij.',
  'help.status.example': 'status',
  'migration.failuresIncidentTitle': {
    one: 'Een mailbox is niet gemigreerd',
    other: '{count} mailboxen zijn niet gemigreerd',
  },
  'migration.failuresIncidentNote': 'Mislukt: {identities}{more}.',
  'migration.noFailures': 'Geen mailbox is mislukt: er is niets te melden.',
  'freeze.releaseQuestion': '{ref} eerder vrijgeven (bevroren tot {until})?',
  'freeze.released': '{ref} is eerder vrijgegeven: Go van {by}.',
  'freeze.kept': '{ref} blijft bevroren: No-go van {by}.',
  'freeze.notFound': 'Er is geen {ref} in deze war room.',
  'freeze.notInForce': '{ref} geldt niet meer: er is niets vrij te geven.',
  'freeze.releaseAsked': 'Het vrijgeven van {ref} is al gevraagd in {decision}.',
  'freeze.releaseUsage': 'Zeg welk venster en wie beslist: "vrijgeven FRZ-1 @Marianne".',
  'help.unfreeze.usage': 'vrijgeven FRZ-<n> @goedkeurder …',
  'help.unfreeze.does':
    'Vraagt de genoemden om een go/no-go voor eerder vrijgeven: Go geeft vrij, No-go houdt de bevriezing.',
  'help.unfreeze.example': 'vrijgeven FRZ-1 @Marianne',
  // GDPR duties (decision 022)
  'privacy.forbidden':
    'Alleen een beheerder van je organisatie mag de gegevens van een persoon exporteren of wissen.',
  'privacy.notFound': 'Er is niets over die persoon opgeslagen in je organisatie.',
  // Closing, retention, channel language (decision 022)
  'warroom.isClosed':
    '{title} is gesloten: er kan niets meer worden gewijzigd. De gegevens kunnen nog worden gelezen en geëxporteerd tot ze worden gewist.',
  'warroom.closedNotice':
    '{title} is gesloten door {by}. Hier kan niets meer worden gewijzigd; de gegevens worden {days} dagen bewaard en op {purgeOn} gewist.',
  'warroom.retentionSet':
    'Als deze war room wordt gesloten, worden de gegevens {days} dagen bewaard en daarna gewist.',
  'warroom.retentionSetClosed':
    'De gegevens van deze gesloten war room worden {days} dagen na het sluiten bewaard: ze worden op {purgeOn} gewist.',
  'warroom.retentionUsage':
    'Zeg hoeveel dagen de gegevens na het sluiten bewaard worden, van {min} tot {max}: "bewaartermijn 90".',
  'warroom.languageSet': 'De kaarten van deze war room zijn nu in het Nederlands.',
  'warroom.languageUsage':
    'Zeg welke taal de kaarten van de war room gebruiken: da, nl, fr of en ("taal nl").',
  'access.warroom.close': 'Alleen de leider van de war room kan hem sluiten.',
  'access.warroom.configure':
    'Alleen de leider van de war room kan de bewaartermijn of de taal wijzigen.',
};
