// Tables added by the organisation feature (db/migrations/0018_organisation.ts).
import type { ColumnType } from 'kysely';

/** The organisation's logo: one row (id 1), the bytes and a hash of them. */
export interface OrganisationLogoTable {
  id: number;
  content_type: string;
  data: ColumnType<Buffer, Buffer, Buffer>;
  version: string;
  updated_at: string;
}

export interface OrganisationTables {
  organisation_logo: OrganisationLogoTable;
}
