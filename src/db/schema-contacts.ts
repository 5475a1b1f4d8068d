// Tables added by the contacts feature (its own migrations).

/** An uploaded contacts file between its preview and the confirmed import. */
export interface ContactImportUploadTable {
  token_hash: string;
  user_id: number;
  filename: string;
  encoding: string | null;
  content: string;
  created_at: string;
}

export interface ContactsTables {
  contact_import_upload: ContactImportUploadTable;
}
