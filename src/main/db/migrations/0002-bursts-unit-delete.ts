// Version 2: the editor session that wrote a revision (saves of one session within a burst of editing amend one
// revision), and soft-deleted units (their reports are deleted with the same timestamp, so restoring the unit
// brings back exactly those).
export default `
ALTER TABLE revisions ADD COLUMN session TEXT;
ALTER TABLE units ADD COLUMN deleted_at TEXT;
`;
