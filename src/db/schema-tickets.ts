// Tables added by the tickets feature (its own migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TicketsTables {}
