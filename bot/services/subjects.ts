/** What the outbox calls a card: the subject whose post is the card to edit in place. */
export const decisionSubject = (id: string) => `decision:${id}`;
export const actionSubject = (id: string) => `action:${id}`;
export const incidentSubject = (id: string) => `incident:${id}`;
/** The war room's one live migration status card. */
export const statusSubject = (warRoomId: string) => `migration:${warRoomId}`;
