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
    // SST 3.x creates Lambdas on nodejs20.x, which AWS no longer accepts: every
    // function it makes (the routes, the site's server, image optimizer and
    // revalidation functions, the `sst dev` stub) runs nodejs22.x. Assigned, not
    // defaulted, because the Nextjs component passes its own.
    $transform(sst.aws.Function, (args) => {
      args.runtime = "nodejs22.x";
    });
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
