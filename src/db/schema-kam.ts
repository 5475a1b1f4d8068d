// Tables of the key account manager pages (src/kam/).

/** A KAM's personal reminder to one invitation's contact (db/migrations/0023_kam_reminders). */
export interface KamReminderTable {
  invitation_id: number;
  sent_by: number | null;
  sent_at: string;
}

export interface KamTables {
  kam_reminder: KamReminderTable;
}
