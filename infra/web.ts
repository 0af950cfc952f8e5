import { api } from "./api";
import { chat } from "./realtime";

export const web = new sst.aws.Nextjs("Web", {
  path: "packages/web",
  link: [api, chat],
  environment: {
    NEXT_PUBLIC_API_URL: api.url,
    NEXT_PUBLIC_WS_URL: chat.url,
  },
});
