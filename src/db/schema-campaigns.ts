// Tables added by the campaigns feature (its own migrations). The salt a personal invitation
// token is derived from lives on the invitation itself since db/migrations/0035 (token_salt).

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CampaignsTables {}
