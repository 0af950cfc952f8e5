import { tableSchema } from "../packages/core/src/table-schema";

// Linking the table hands a handler its name (Resource.Table.name) and nothing
// else: SST's own link would grant dynamodb:* on the table and its indexes.
// Each function's rights are granted per route instead (infra/access.ts).
sst.Linkable.wrap(sst.aws.Dynamo, (dynamo) => ({ properties: { name: dynamo.name } }));

// One table, single-table design (see README, "Data model"). Production's cannot be deleted
// by anyone (console, CLI) until its deletion protection is turned off.
export const table = new sst.aws.Dynamo("Table", {
  ...tableSchema,
  deletionProtection: $app.stage === "production",
});
