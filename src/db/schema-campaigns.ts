// Tables added by the campaigns feature (its own migrations).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CampaignsTables {}
