/** Tables of resident phone sign-in and registration requests; DB extends this. */
export interface PhoneLoginTables {}
