// The table's shape, shared by the SST config (infra/storage.ts) and the local
// runtime's CreateTable, so both environments have the same keys and index.
export const tableSchema = {
  fields: {
    pk: "string",
    sk: "string",
    gsi1pk: "string",
    gsi1sk: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    // The room list: every room under one key, sorted by creation time.
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
  },
  ttl: "expiresAt",
} as const;
