// Tables added by the campaigns feature (its own migrations).

/** The random salt a personal invitation token is derived from; never the token itself. */
export interface InvitationSaltTable {
  invitation_id: number;
  salt: string;
}

export interface CampaignsTables {
  invitation_salt: InvitationSaltTable;
}
