/** Query keys of the attendance pages (a roll call or a decision refreshes them all). */
export const attendanceKey = ["attendance"] as const;
