/** Tables of the supervision module (督导: inspections, problems, rectification; 减负); each migration's rows are declared here. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SupervisionTables {}
