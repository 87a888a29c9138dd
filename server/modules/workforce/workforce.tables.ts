/** Tables owned by the workforce module (三岗十八级 pay tables, secretary stars); DB extends this. */
export interface WorkforceTables {}
