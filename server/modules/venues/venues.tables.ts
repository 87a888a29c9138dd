/** Tables of the venues module (党群服务阵地, "党群阵地@你"); each migration's rows are declared here. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface VenuesTables {}
