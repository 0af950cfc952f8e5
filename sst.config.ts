/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "chat",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      home: "aws",
    };
  },
  async run() {
    const { table } = await import("./infra/storage");
    const { chat } = await import("./infra/realtime");
    const { api } = await import("./infra/api");
    const { web } = await import("./infra/web");
    return {
      table: table.name,
      api: api.url,
      chat: chat.url,
      web: web.url,
    };
  },
});
