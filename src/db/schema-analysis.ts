// Tables added by the analysis feature (its own migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AnalysisTables {}
