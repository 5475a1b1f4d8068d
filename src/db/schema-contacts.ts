// Tables added by the contacts feature (its own migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContactsTables {}
