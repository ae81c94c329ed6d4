// Version 5: a report's scope — 本级 (own: the unit's own work) or 全区汇总 (aggregate: the unit and everything under
// it). The 全区 comparison takes a parent's aggregate report. Existing reports are 本级.
export default `
ALTER TABLE reports ADD COLUMN scope TEXT NOT NULL DEFAULT 'own' CHECK (scope IN ('own', 'aggregate'));
`;
