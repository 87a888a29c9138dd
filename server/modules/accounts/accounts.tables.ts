/** Tables owned by the accounts module; DB extends this. */
export interface AccountsTables {}
