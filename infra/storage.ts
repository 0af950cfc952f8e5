import { tableSchema } from "../packages/core/src/table-schema";

// One table, single-table design (see README, "Data model").
export const table = new sst.aws.Dynamo("Table", tableSchema);
