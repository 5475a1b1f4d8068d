// Tables added by the responses feature (its own migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ResponsesTables {}
